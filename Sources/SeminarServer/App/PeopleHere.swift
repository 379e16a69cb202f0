import SeminarCore
import SeminarPostgres
import SeminarRealtime

/// Who is here — in a room, the lounge, at the desk, online at all — on every node: this node's sockets (the hub) and,
/// in a cluster, the other live nodes' people (``ClusterPresence``, refreshed every second). Every count or list a page
/// reads of who is here comes from this, so it is the cluster's on every node.
struct PeopleHere: Sendable {
    let hub: Hub
    /// The other nodes' people; none when embedded (one process holds everyone).
    let others: ClusterPresence?

    /// The topics whose people the cluster shares: rooms, the lounge and the desk.
    static func isShared(_ topic: String) -> Bool {
        topic.hasPrefix("room:") || topic == Topic.lounge.description || topic == Topic.desk.description
    }

    /// This node's people as the cluster's presence keeps them: every shared topic's, and who is online.
    func local() -> ClusterPresence.People {
        var people = hub.people(of: Self.isShared)
        let online = hub.onlineUsers()
        if !online.isEmpty { people[ClusterPresence.online] = online }
        return people
    }

    /// How many distinct people follow `topic` on any node (the hub counts the other nodes' too, see ``othersChanged(_:)``).
    func count(_ topic: String) -> Int {
        hub.headcount(topic)
    }

    /// Brings the hub's counts of `topics` up to what the other nodes now have (after a ``ClusterPresence`` sync
    /// changed them): the counts then cost nothing to read.
    func othersChanged(_ topics: Set<String>) {
        guard let others else { return }
        for topic in topics where Self.isShared(topic) { hub.setElsewhere(topic, people: others.people(topic)) }
    }

    /// The distinct people who follow `topic` on any node.
    func people(_ topic: String) -> Set<UserID> {
        let here = Set(hub.people(topic))
        guard let others else { return here }
        return here.union(others.people(topic))
    }

    /// Whether `user` follows `topic` on any node.
    func isIn(_ topic: String, user: UserID) -> Bool {
        hub.isFollowing(topic, user: user) || (others?.isFollowing(topic, user: user) ?? false)
    }

    /// Whether `user` has a socket open on any node.
    func isOnline(_ user: UserID) -> Bool {
        hub.isOnline(user) || (others?.isFollowing(ClusterPresence.online, user: user) ?? false)
    }

    /// The people online on any node.
    func onlineUsers() -> Set<UserID> {
        let here = hub.onlineUsers()
        guard let others else { return here }
        return here.union(others.people(ClusterPresence.online))
    }

    /// How many people are online on any node.
    var onlineCount: Int {
        guard others != nil else { return hub.stats.onlineUsers }
        return onlineUsers().count
    }
}
