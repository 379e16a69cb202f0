import Logging
import NIOCore
import SeminarCore
import Synchronization

/// Live counters of the hub, for tests, `/metrics` and the organiser's dashboard.
public struct HubStats: Sendable, Equatable {
    public let connections: Int
    public let onlineUsers: Int
    public let evictions: Int
    public let deliveries: Int
}

/// Connections, their topic subscriptions, and fan-out of each event, encoded once, into bounded outboxes.
/// Publishing never waits for a client: a connection that cannot keep up is closed with 1013.
public final class Hub: Sendable {
    private struct State {
        var connections: [UInt64: Connection] = [:]
        var topics: [String: [UInt64: Connection]] = [:]
        /// Each topic's subscribers by event loop, as its last event went out: kept until the topic's subscribers
        /// change, so that an event to a settled room of thousands is handed to the loops without walking them.
        var byLoop: [String: [LoopShare]] = [:]
        /// The seq of each topic's latest durable event handed to the fan-out.
        var published: [String: Int64] = [:]
        /// The signed-in people of each topic (a room's `present`), kept beside `topics` so counting costs nothing.
        var headcounts: [String: Headcount] = [:]
        var users: [UserID: Int] = [:]
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []

        /// Takes a connection out of a topic; a topic left with no subscriber is forgotten whole, so that topics
        /// nobody follows cost nothing (a client cycling through made-up or old topics leaves nothing behind).
        mutating func leave(_ topic: String, _ connection: UInt64) {
            topics[topic]?.removeValue(forKey: connection)
            byLoop[topic] = nil
            headcounts[topic]?.leave(socket: connection)
            if headcounts[topic]?.isEmpty == true { headcounts[topic] = nil }
            if topics[topic]?.isEmpty == true {
                topics[topic] = nil
                published[topic] = nil
            }
        }
    }

    private let state = Mutex(State())
    private let queues = Mutex<[ObjectIdentifier: LoopFanOut]>([:])
    private let nextID = Atomic<UInt64>(1)
    private let evictions = Atomic<Int>(0)
    private let deliveries = Atomic<Int>(0)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func makeConnectionID() -> UInt64 {
        nextID.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    // MARK: membership

    public func register(_ connection: Connection) {
        state.withLock { $0.connections[connection.id] = connection }
    }

    /// Records that a registered connection now belongs to `user` (presence).
    public func signedIn(_ connection: Connection, user: UserID) {
        state.withLock { $0.users[user, default: 0] += 1 }
    }

    public func unregister(_ connection: Connection) {
        let topics = connection.topics
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard s.connections.removeValue(forKey: connection.id) != nil else { return [] }
            for topic in topics { s.leave(topic, connection.id) }
            if let user = connection.user, let count = s.users[user] {
                s.users[user] = count > 1 ? count - 1 : nil
            }
            guard s.connections.isEmpty else { return [] }
            defer { s.emptyWaiters = [] }
            return s.emptyWaiters
        }
        for waiter in waiters { waiter.resume() }
        if connection.closeReason == .tooSlow { evictions.add(1, ordering: .relaxed) }
    }

    /// The open connections of a person (e.g. to close them on sign-out).
    public func connections(of user: UserID) -> [Connection] {
        state.withLock { s in s.connections.values.filter { $0.user == user } }
    }

    /// Whether `user` has a socket open.
    public func isOnline(_ user: UserID) -> Bool {
        state.withLock { $0.users[user] != nil }
    }

    public func onlineUsers() -> Set<UserID> {
        state.withLock { Set($0.users.keys) }
    }

    /// Delivers an ephemeral frame to the subscribers of `topic` except those of the given people (blocks).
    public func publish(topic: String, frame: ByteBuffer, skipping people: Set<UserID>) {
        let subscribers = state.withLock { s in s.topics[topic].map { Array($0.values) } ?? [] }
        let shares = Self.byLoop(subscribers.filter { !($0.user.map(people.contains) ?? false) })
        fanOut(shares, topic: topic, seq: nil, frame: frame)
    }

    /// The connections that follow `topic`.
    public func subscribers(_ topic: String) -> [Connection] {
        state.withLock { $0.topics[topic].map { Array($0.values) } ?? [] }
    }

    /// Whether any connection here follows `topic`.
    public func isFollowed(_ topic: String) -> Bool {
        state.withLock { $0.topics[topic]?.isEmpty == false }
    }

    /// How many distinct signed-in people follow `topic` (a room's `present`): two tabs of one person count once. In a
    /// cluster, the people of the other nodes told by ``setElsewhere(_:people:)`` count too.
    public func headcount(_ topic: String) -> Int {
        state.withLock { $0.headcounts[topic]?.total ?? 0 }
    }

    /// The people who follow `topic` on the other nodes of a cluster, as last heard: they count in ``headcount(_:)``
    /// from now on (each person once, here or not).
    public func setElsewhere(_ topic: String, people: Set<UserID>) {
        state.withLock { s in
            s.headcounts[topic, default: Headcount()].setElsewhere(people)
            if s.headcounts[topic]?.isEmpty == true { s.headcounts[topic] = nil }
        }
    }

    /// The distinct signed-in people who follow `topic` (a room's list of who is there).
    public func people(_ topic: String) -> [UserID] {
        state.withLock { $0.headcounts[topic]?.persons ?? [] }
    }

    /// The distinct signed-in people of every topic `include` picks (what this node tells the cluster's presence).
    public func people(of include: (String) -> Bool) -> [String: Set<UserID>] {
        state.withLock { s in
            var people: [String: Set<UserID>] = [:]
            for (topic, headcount) in s.headcounts where headcount.count > 0 && include(topic) { people[topic] = Set(headcount.persons) }
            return people
        }
    }

    /// Whether `user` follows `topic` on any of their sockets.
    public func isFollowing(_ topic: String, user: UserID) -> Bool {
        state.withLock { $0.headcounts[topic]?.contains(user) ?? false }
    }

    public func allConnections() -> [Connection] {
        state.withLock { Array($0.connections.values) }
    }

    /// How many topics the hub holds an entry for (each has a subscriber, here or, for a count, on another node): for
    /// tests and the memory bound.
    public var topicCount: Int {
        state.withLock { max($0.topics.count, $0.headcounts.count, $0.published.count) }
    }

    public var stats: HubStats {
        let (connections, users) = state.withLock { ($0.connections.count, $0.users.count) }
        return HubStats(connections: connections, onlineUsers: users,
                        evictions: evictions.load(ordering: .relaxed), deliveries: deliveries.load(ordering: .relaxed))
    }

    // MARK: subscriptions

    /// Step one of a subscription: from now on, live events of `topic` are held for this connection.
    /// Then read the snapshot and replay from the log, and call ``finishSubscription``.
    /// - Parameter counting: whether the socket's person counts in the topic's headcount from now on. A room's entry
    ///   counts them in (``countIn(_:topic:)``) only once the room rule has let them in.
    public func beginSubscription(_ connection: Connection, topic: String, counting: Bool = true) {
        connection.beginReplay(topic: topic)
        let user = connection.user
        state.withLock {
            $0.topics[topic, default: [:]][connection.id] = connection
            $0.byLoop[topic] = nil
            if counting { $0.headcounts[topic, default: Headcount()].enter(socket: connection.id, person: user) }
        }
    }

    /// Counts the socket's person in the headcount of `topic`, whose subscription it has begun without counting.
    public func countIn(_ connection: Connection, topic: String) {
        let user = connection.user
        state.withLock { s in
            guard s.topics[topic]?[connection.id] != nil else { return }
            s.headcounts[topic, default: Headcount()].enter(socket: connection.id, person: user)
        }
    }

    /// Step two: sends the reply, the replayed events and the events held since step one, then goes live.
    /// - Parameter startAfter: the seq the client already has (`since`, or the snapshot's seq).
    public func finishSubscription(_ connection: Connection, topic: String, reply: ByteBuffer,
                                   replay: [(seq: Int64, frame: ByteBuffer)], startAfter: Int64) {
        connection.finishReplay(topic: topic, reply: reply, replay: replay, startAfter: startAfter)
    }

    /// Stops `topic`'s events to `connection`. Those published before (e.g. the `room.removed` of the removal that
    /// unsubscribes it) still reach it: its event loop may not have delivered them yet.
    public func unsubscribe(_ connection: Connection, topic: String) {
        let published = state.withLock { s -> Int64? in
            let published = s.published[topic]
            s.leave(topic, connection.id)
            return published
        }
        connection.endSubscription(topic: topic, publishedUpTo: published)
    }

    // MARK: fan-out

    /// Delivers an event frame to every subscriber of `topic`. Durable events carry their `seq`.
    /// Called in commit order for durable events.
    public func publish(topic: String, seq: Int64?, frame: ByteBuffer) {
        let shares = state.withLock { s -> [LoopShare] in
            // Kept for followed topics only (see ``unsubscribe``): nobody can be waiting for an unfollowed topic's events.
            guard let subscribers = s.topics[topic], !subscribers.isEmpty else { return [] }
            if let seq { s.published[topic] = seq }
            if let shares = s.byLoop[topic] { return shares }
            let shares = Self.byLoop(subscribers.values)
            s.byLoop[topic] = shares
            return shares
        }
        fanOut(shares, topic: topic, seq: seq, frame: frame)
    }

    /// The connections of one event loop.
    struct LoopShare {
        let loop: any EventLoop
        var connections: [Connection]
    }

    private static func byLoop(_ subscribers: some Sequence<Connection>) -> [LoopShare] {
        var shares: [LoopShare] = []
        for connection in subscribers {
            let loop = connection.eventLoop
            if let index = shares.firstIndex(where: { $0.loop === loop }) {
                shares[index].connections.append(connection)
            } else {
                shares.append(LoopShare(loop: loop, connections: [connection]))
            }
        }
        return shares
    }

    private func fanOut(_ shares: [LoopShare], topic: String, seq: Int64?, frame: ByteBuffer) {
        // The frame is encoded once, header included, for every socket; each event loop's share goes to that loop's
        // fan-out queue (``LoopFanOut``), which writes each socket as soon as its turn comes.
        let event = FanOutEvent(topic: topic, seq: seq, frame: WireFrame(text: frame))
        var count = 0
        for (index, share) in shares.enumerated() {
            // Each loop its own copy of the bytes (see ``WireFrame/copied()``).
            let own = index == 0 ? event : FanOutEvent(topic: topic, seq: seq, frame: event.frame.copied())
            fanOutQueue(share.loop).add(own, to: share.connections)
            count += share.connections.count
        }
        deliveries.add(count, ordering: .relaxed)
    }

    /// The fan-out queue of an event loop, made on first use.
    private func fanOutQueue(_ loop: any EventLoop) -> LoopFanOut {
        queues.withLock { queues in
            if let queue = queues[ObjectIdentifier(loop)] { return queue }
            let queue = LoopFanOut(loop: loop)
            queues[ObjectIdentifier(loop)] = queue
            return queue
        }
    }

    /// Closes every connection with `reason` (e.g. 1001 on shutdown), each after the events already handed to its
    /// event loop's fan-out: the close goes through the same queue (``LoopFanOut``), behind them.
    public func closeAll(_ reason: CloseReason) {
        let all = state.withLock { Array($0.connections.values) }
        for share in Self.byLoop(all) { fanOutQueue(share.loop).close(share.connections, reason) }
    }

    /// Returns once no connection is left.
    public func waitUntilEmpty() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { s -> Bool in
                if s.connections.isEmpty { return true }
                s.emptyWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
