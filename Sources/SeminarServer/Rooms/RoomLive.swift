import Foundation
import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore
import Synchronization

/// What a room holds live: the hand queue (the node's ``HandStore``: in memory, or the cluster's rows), reaction
/// counts and presence (who is here on every node: ``PeopleHere``), sent as ephemeral events (no seq). Reactions and
/// presence go out at most once a second per room.
final class RoomLive: Sendable {
    private struct Live {
        var reactions: [String: Int] = [:]
        var reactionsScheduled = false
        var presenceScheduled = false
        var presenceVersion = 0
        var people: (version: Int, reply: RoomPeopleReply)?
    }

    private let rooms = Mutex<[RoomID: Live]>([:])
    private let ephemeral: Ephemeral
    private let handStore: any HandStore
    private let here: PeopleHere
    private let clock: @Sendable () -> Timestamp

    init(ephemeral: Ephemeral, hands: any HandStore, here: PeopleHere, clock: @escaping @Sendable () -> Timestamp) {
        self.ephemeral = ephemeral
        self.handStore = hands
        self.here = here
        self.clock = clock
    }

    // MARK: hands

    /// Raises a hand and tells the room; a hand already up keeps its place and nobody is told.
    func raise(room: RoomID, user: UserRecordLite) async throws -> Int {
        let (place, raised) = try await handStore.raiseHand(room: room, user: user.id, name: user.name, at: clock())
        if raised { await publishHands(room) }
        return place
    }

    func lower(room: RoomID, user: UserID) async throws {
        if try await handStore.lowerHand(room: room, user: user) { await publishHands(room) }
    }

    func grant(room: RoomID, user: UserID) async throws {
        try await handStore.grantHand(room: room, user: user)
        await publishHands(room)
    }

    func hands(room: RoomID) async throws -> (views: [HandView], queue: HandQueue) {
        let queue = try await handStore.hands(room: room)
        return (queue.hands.map { HandView(userId: $0.user.rawValue, displayName: $0.displayName, raisedAt: $0.raisedAt.iso8601) }, queue)
    }

    /// The queue as it is after a change; a queue that cannot be read now is told with the next change.
    private func publishHands(_ room: RoomID) async {
        guard let (views, queue) = try? await hands(room: room) else { return }
        send(room, type: .hands, HandsEvent(queue: views, granted: queue.granted?.rawValue))
    }

    // MARK: reactions and presence, throttled

    func react(room: RoomID, emoji: String) {
        let schedule = rooms.withLock { rooms -> Bool in
            rooms[room, default: Live()].reactions[emoji, default: 0] += 1
            guard rooms[room]?.reactionsScheduled == false else { return false }
            rooms[room]?.reactionsScheduled = true
            return true
        }
        if schedule { later { self.flushReactions(room) } }
    }

    private func flushReactions(_ room: RoomID) {
        let counts = rooms.withLock { rooms -> [String: Int] in
            let counts = rooms[room]?.reactions ?? [:]
            rooms[room]?.reactions = [:]
            rooms[room]?.reactionsScheduled = false
            return counts
        }
        if !counts.isEmpty { send(room, type: .reactions, ["counts": counts]) }
    }

    /// Someone entered or left: the count goes out within a second (and the list of who is there is read anew).
    func presenceChanged(room: RoomID) {
        let schedule = rooms.withLock { rooms -> Bool in
            rooms[room, default: Live()].presenceVersion += 1
            rooms[room]?.people = nil
            guard rooms[room]?.presenceScheduled != true else { return false }
            // Through the default: the room's entry is made if it has none yet (optional chaining on a missing
            // entry would set nothing, and every join would then schedule its own presence event to everyone).
            rooms[room, default: Live()].presenceScheduled = true
            return true
        }
        if schedule {
            later {
                self.rooms.withLock { $0[room]?.presenceScheduled = false }
                self.send(room, type: .presence, ["present": self.present(room)])
            }
        }
    }

    /// How many people are in, on every node (each once, whatever their number of tabs).
    func present(_ room: RoomID) -> Int {
        here.count(Topic.room(room).description)
    }

    /// The room's list of who is there as last read, while nobody has come or gone since.
    func keptPeople(_ room: RoomID) -> RoomPeopleReply? {
        rooms.withLock { rooms in rooms[room]?.people.flatMap { $0.version == rooms[room]?.presenceVersion ? $0.reply : nil } }
    }

    /// The presence version before a read of the list: a list read while someone came or went is not kept.
    func presenceVersion(_ room: RoomID) -> Int {
        rooms.withLock { $0[room]?.presenceVersion ?? 0 }
    }

    func keepPeople(_ room: RoomID, _ reply: RoomPeopleReply, version: Int) {
        rooms.withLock { rooms in
            guard rooms[room] != nil, rooms[room]?.presenceVersion == version else { return }
            rooms[room]?.people = (version, reply)
        }
    }

    /// Whether `user` is in already, on another tab (on any node): they take no new place.
    func isIn(_ room: RoomID, user: UserID) -> Bool {
        here.isIn(Topic.room(room).description, user: user)
    }

    private func later(_ work: @escaping @Sendable () -> Void) {
        Task {
            try? await Task.sleep(for: .seconds(1))
            work()
        }
    }

    private func send(_ room: RoomID, type: EventType, _ data: some Encodable) {
        guard let json = try? Outgoing.json(data) else { return }
        let topic = Topic.room(room).description
        let frame = Outgoing.event(topic: topic, seq: nil, type: type, at: clock(), dataJSON: json)
        ephemeral.publish(topic: topic, frame: frame)
    }
}

/// Who raised a hand.
struct UserRecordLite {
    let id: UserID
    let name: String
}

private struct HandsEvent: Encodable {
    let queue: [HandView]
    let granted: Int64?
}
