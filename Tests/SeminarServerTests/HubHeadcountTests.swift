import Logging
import NIOCore
import NIOEmbedded
import SeminarCore
import SeminarRealtime
import Testing

/// A topic's headcount in the hub: a socket counts once it is counted in (a room's entry counts it after the room rule
/// let it in), and the other nodes' people count once each, here or not.
@Suite("the hub's headcount")
struct HubHeadcountTests {
    static func signedIn(_ id: UInt64, user: Int64, hub: Hub) -> Connection {
        let connection = Connection(id: id, channel: EmbeddedChannel(loop: EmbeddedEventLoop()), outboxLimit: 100)
        connection.signIn(user: UserID(user), role: .participant, sessionHash: [])
        hub.register(connection)
        return connection
    }

    @Test("begun without counting: nobody counted until counted in, once; gone with the unsubscribe")
    func countedIn() {
        let hub = Hub(logger: Logger(label: "test"))
        let socket = Self.signedIn(1, user: 7, hub: hub)
        hub.beginSubscription(socket, topic: "room:1", counting: false)
        #expect(hub.headcount("room:1") == 0 && !hub.isFollowing("room:1", user: UserID(7)))
        hub.countIn(socket, topic: "room:1")
        hub.countIn(socket, topic: "room:1")
        #expect(hub.headcount("room:1") == 1 && hub.isFollowing("room:1", user: UserID(7)))
        hub.unsubscribe(socket, topic: "room:1")
        #expect(hub.headcount("room:1") == 0)
        hub.countIn(socket, topic: "room:1")
        #expect(hub.headcount("room:1") == 0, "a socket that does not follow the topic is not counted in")
        #expect(hub.topicCount == 0)
    }

    @Test("the other nodes' people count once each, whether here too or not, and the count follows both sides")
    func elsewhere() {
        let hub = Hub(logger: Logger(label: "test"))
        let socket = Self.signedIn(1, user: 7, hub: hub)
        hub.beginSubscription(socket, topic: "room:1")
        hub.setElsewhere("room:1", people: [UserID(7), UserID(8)])
        #expect(hub.headcount("room:1") == 2)
        #expect(hub.people(of: { _ in true }) == ["room:1": [UserID(7)]], "the node tells the cluster only its own people")
        hub.unsubscribe(socket, topic: "room:1")
        #expect(hub.headcount("room:1") == 2)
        #expect(hub.people(of: { _ in true }).isEmpty)
        hub.setElsewhere("room:1", people: [])
        #expect(hub.headcount("room:1") == 0 && hub.topicCount == 0)
    }
}
