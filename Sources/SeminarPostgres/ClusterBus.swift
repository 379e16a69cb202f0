import Foundation
import Logging
import PostgresNIO
import SeminarCore
import SeminarStore
import Synchronization

/// Carries committed events to the subscribers of every node. A node delivers the topics it follows (those with
/// local subscribers) to its sink — once each, in seq order, with no gap — whichever node committed them:
/// - its own commits go to the sink at once (through the ``SeqGate``), and their heads are NOTIFYed to the other
///   nodes in a batch every `hintEvery` (never inside a write transaction: a NOTIFY there serialises commits);
/// - on another node's hint it reads the events it lacks by `(topic, seq)` from the log;
/// - it LISTENs on a connection of its own, reconciles every followed topic's head after each (re)connection (hints
///   sent while it was away are lost), and checks heads every `headCheckEvery` anyway (a node may die between its
///   commit and its hint).
public final class ClusterBus: TopicFeed, Sendable {
    public static let channel = "seminar_events"

    public let node: String
    let database: PostgresDatabase
    let sink: EventSink
    /// Whether this node still has a subscriber of a topic (the hub's answer).
    let keeps: @Sendable (String) -> Bool
    /// Where another node's ephemeral events go on this node (the hub).
    let relayed: @Sendable (String, String, Set<UserID>) -> Void
    let hintEvery: Duration
    let headCheckEvery: Duration
    private let state = Mutex(State())
    private let hintSignal: AsyncStream<Void>.Continuation
    private let hintWakes: AsyncStream<Void>
    private let catchUpSignal: AsyncStream<Void>.Continuation
    private let catchUpWakes: AsyncStream<Void>
    /// Ephemeral events to pass to the other nodes, in order.
    private let relaySignal: AsyncStream<String>.Continuation
    private let relayWakes: AsyncStream<String>

    struct State: Sendable {
        var gate = SeqGate()
        /// Heads committed here and not yet told to the other nodes.
        var heads: [String: Int64] = [:]
        /// Topics to read up to a seq (from hints and head checks).
        var wanted: [String: Int64] = [:]
        var tasks: [Task<Void, Never>] = []
        /// How many times the listening connection has been (re)established (for tests and logs).
        var listens = 0
    }

    public init(database: PostgresDatabase, node: String = "node-\(UUID().uuidString.prefix(8).lowercased())",
                hintEvery: Duration = .milliseconds(5), headCheckEvery: Duration = .seconds(1),
                keeps: @escaping @Sendable (String) -> Bool = { _ in true },
                relayed: @escaping @Sendable (_ topic: String, _ frame: String, _ skipping: Set<UserID>) -> Void = { _, _, _ in },
                sink: @escaping EventSink) {
        self.database = database
        self.keeps = keeps
        self.relayed = relayed
        self.node = node
        self.sink = sink
        self.hintEvery = hintEvery
        self.headCheckEvery = headCheckEvery
        (hintWakes, hintSignal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        (catchUpWakes, catchUpSignal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        (relayWakes, relaySignal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Starts telling, listening, catching up and checking heads.
    public func start() {
        let tasks = [
            Task { await self.tellLoop() },
            Task { await self.listenLoop() },
            Task { await self.catchUpLoop() },
            Task { await self.headCheckLoop() },
            Task { await self.relayLoop() },
        ]
        state.withLock { $0.tasks = tasks }
    }

    public func stop() {
        let tasks = state.withLock { state in
            defer { state.tasks = [] }
            return state.tasks
        }
        tasks.forEach { $0.cancel() }
        hintSignal.finish()
        catchUpSignal.finish()
        relaySignal.finish()
    }

    /// Delivers `topic`'s events after `seq` from now on (what this node's subscribers already have).
    public func follow(_ topic: Topic, after seq: Int64) {
        state.withLock { $0.gate.follow(topic.description, after: seq) }
        want(topic.description, through: Int64.max)
    }

    public func followFromHead(_ topic: Topic) async throws {
        guard state.withLock({ $0.gate.delivered(topic.description) == nil }) else { return }
        let head = try await database.client.query("SELECT last_seq FROM topics WHERE name = \(topic.description)", logger: database.logger)
            .decode(Int64.self).reduce(0) { max($0, $1) }
        follow(topic, after: head)
    }

    /// Stops following the topics nobody here follows any more (`keeps` says no). Under the bus's lock, so a new
    /// subscriber's ``follow(_:after:)`` comes either before (and keeps the topic) or after (and follows it afresh).
    func unfollowUnkept() {
        state.withLock { state in
            for topic in state.gate.cursors.keys where !keeps(topic) { state.gate.unfollow(topic) }
        }
    }

    public func unfollow(_ topic: Topic) {
        state.withLock { $0.gate.unfollow(topic.description) }
    }

    /// How many times the listening connection was established (1 after start; more after each reconnection).
    public var listens: Int { state.withLock { $0.listens } }

    /// Events this node committed (after the commit).
    func committed(_ events: [StoredEvent]) {
        let gapped = state.withLock { state in
            for event in events { state.heads[event.topic] = max(state.heads[event.topic] ?? 0, event.seq) }
            deliver(state.gate.offer(events))
            return !state.gate.gaps.isEmpty
        }
        hintSignal.yield()
        if gapped { catchUpSignal.yield() }
    }

    private func deliver(_ events: [StoredEvent]) {
        for event in events { sink(event) }
    }

    private func want(_ topic: String, through seq: Int64) {
        state.withLock { $0.wanted[topic] = max($0.wanted[topic] ?? 0, seq) }
        catchUpSignal.yield()
    }

    // MARK: Telling the other nodes

    private func tellLoop() async {
        for await _ in hintWakes {
            // Commits within this window share one NOTIFY.
            try? await Task.sleep(for: hintEvery)
            let heads = state.withLock { state in
                defer { state.heads = [:] }
                return state.heads
            }
            for payload in Hints.payloads(node: node, heads: heads) {
                do {
                    try await database.client.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: database.logger)
                } catch {
                    // The others' head checks find these events within `headCheckEvery`.
                    if !Task.isCancelled {
                        database.logger.warning("cluster hint not sent", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
            }
        }
    }

    // MARK: Hearing them

    private func listenLoop() async {
        while !Task.isCancelled {
            do {
                let connection = try await database.connection(named: "seminar-listen-\(node)")
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        state.withLock { $0.listens += 1 }
                        // LISTEN is on: what was committed before it is found by reading the heads once.
                        try await self.checkHeads()
                        for try await notification in notifications {
                            self.heard(notification.payload)
                        }
                    }
                } catch {
                    if !Task.isCancelled {
                        database.logger.warning("cluster listener lost", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled {
                    database.logger.warning("cluster listener cannot connect", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            // Reconnect back-off (a database restart takes a moment).
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    public func relay(topic: String, frame: String, skipping: Set<UserID>) {
        guard let payload = Relayed(node: node, topic: topic, frame: frame, skipping: skipping.map(\.rawValue).sorted()).payload else {
            database.logger.warning("ephemeral event too large to relay", metadata: ["topic": "\(topic)"])
            return
        }
        relaySignal.yield(payload)
    }

    /// Sends the relayed events one after the other, in the order they were made (a meeting's offer before its
    /// candidates).
    private func relayLoop() async {
        for await payload in relayWakes {
            do {
                try await database.client.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: database.logger)
            } catch {
                if !Task.isCancelled {
                    database.logger.warning("ephemeral event not relayed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
        }
    }

    private func heard(_ payload: String) {
        if let event = Relayed.decode(payload) {
            if event.node != node { relayed(event.topic, event.frame, Set(event.skipping.map { UserID($0) })) }
            return
        }
        guard let hints = Hints.decode(payload), hints.node != node else { return }
        let interesting = state.withLock { state in
            hints.heads.filter { topic, seq in (state.gate.delivered(topic) ?? .max) < seq }
        }
        for (topic, seq) in interesting { want(topic, through: seq) }
    }

    private func headCheckLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: headCheckEvery)
            unfollowUnkept()
            try? await checkHeads()
        }
    }

    /// Reads the latest seq of every followed topic and catches up where this node is behind.
    private func checkHeads() async throws {
        let followed = state.withLock { Array($0.gate.cursors.keys) }
        guard !followed.isEmpty else { return }
        let rows = try await database.client.query("SELECT name, last_seq FROM topics WHERE name = ANY(\(followed))",
                                                   logger: database.logger)
        for try await (topic, head) in rows.decode((String, Int64).self) {
            let behind = state.withLock { ($0.gate.delivered(topic) ?? .max) < head }
            if behind { want(topic, through: head) }
        }
    }

    // MARK: Reading what is missing

    private func catchUpLoop() async {
        for await _ in catchUpWakes {
            while !Task.isCancelled {
                let work = state.withLock { state -> [(topic: String, after: Int64, through: Int64)] in
                    var work = state.wanted.compactMap { topic, through -> (topic: String, after: Int64, through: Int64)? in
                        guard let delivered = state.gate.delivered(topic), delivered < through else { return nil }
                        return (topic, delivered, through)
                    }
                    for gap in state.gate.gaps where !work.contains(where: { $0.topic == gap.topic }) { work.append(gap) }
                    state.wanted = [:]
                    return work
                }
                if work.isEmpty { break }
                for item in work {
                    do {
                        let events = try await read(item.topic, after: item.after, through: item.through)
                        state.withLock { deliver($0.gate.offer(events)) }
                    } catch {
                        if Task.isCancelled { return }
                        database.logger.warning("cluster catch-up failed", metadata: ["topic": "\(item.topic)", "error": "\(String(reflecting: error))"])
                        state.withLock { $0.wanted[item.topic] = max($0.wanted[item.topic] ?? 0, item.through) }
                        try? await Task.sleep(for: .milliseconds(250))
                    }
                }
            }
        }
    }

    private func read(_ topic: String, after: Int64, through: Int64) async throws -> [StoredEvent] {
        let rows = try await database.client.query("""
            SELECT seq, type, at, data FROM events WHERE topic = \(topic) AND seq > \(after) AND seq <= \(through) ORDER BY seq LIMIT 1000
            """, logger: database.logger)
        var events: [StoredEvent] = []
        for try await (seq, type, at, data) in rows.decode((Int64, String, Int64, String).self) {
            events.append(StoredEvent(topic: topic, seq: seq, type: type, at: Timestamp(milliseconds: at), data: data))
        }
        if let last = events.last, last.seq < through, events.count == 1000 { want(topic, through: through) }
        return events
    }
}
