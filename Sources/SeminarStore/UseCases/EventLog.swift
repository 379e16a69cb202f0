import GRDB
import SeminarCore

/// What a subscriber gets back from the log: the topic's latest seq and the events it missed.
public struct Replay: Sendable {
    public let latestSeq: Int64
    public let events: [StoredEvent]

    public init(latestSeq: Int64, events: [StoredEvent]) {
        self.latestSeq = latestSeq
        self.events = events
    }
}

extension AppDatabase {
    /// Appends an event to `topic` inside the current transaction, giving it the topic's next seq.
    /// It reaches the sink only once the transaction commits, in commit order.
    func append(_ db: Database, topic: Topic, type: String, at: Timestamp, data: (Int64) throws -> String) throws -> StoredEvent {
        try append(db, topic: topic, at: at) { seq in (type, try data(seq)) }
    }

    /// Appends a domain event to `topic` inside the current transaction: the wire writes its type and data once, here.
    func append(_ db: Database, topic: Topic, _ event: DomainEvent, at: Timestamp) throws -> StoredEvent {
        let wire = self.wire
        return try append(db, topic: topic, at: at) { seq in try wire.encode(event, seq) }
    }

    private func append(_ db: Database, topic: Topic, at: Timestamp, wire: (Int64) throws -> (type: String, data: String)) throws -> StoredEvent {
        let name = topic.description
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: """
            INSERT INTO topics(name, last_seq) VALUES (?, 1)
            ON CONFLICT(name) DO UPDATE SET last_seq = last_seq + 1
            RETURNING last_seq
            """), arguments: [name])
        else { throw DomainError(.internal, "no seq for \(name)") }
        let (type, data) = try wire(seq)
        let event = StoredEvent(topic: name, seq: seq, type: type, at: at, data: data)
        try db.execute(
            sql: "INSERT INTO events(topic, seq, type, at, data) VALUES (?, ?, ?, ?, ?)",
            arguments: [name, seq, type, at.milliseconds, data])
        let sink = self.sink
        db.afterNextTransaction(onCommit: { _ in sink(event) })
        return event
    }

    /// The latest committed seq of `topic` (0 when it has none).
    static func latestSeq(_ db: Database, topic: Topic) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT last_seq FROM topics WHERE name = ?"), arguments: [topic.description]) ?? 0
    }

    /// The events of `topic` after `since`, in order. A `since` older than what is retained, or newer than
    /// anything committed, is refused with `conflict` / `resync`: the client must reload the snapshot.
    static func replay(_ db: Database, topic: Topic, since: Int64) throws -> Replay {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT last_seq, pruned_through FROM topics WHERE name = ?"), arguments: [topic.description])
        let latest: Int64 = row?["last_seq"] ?? 0
        let prunedThrough: Int64 = row?["pruned_through"] ?? 0
        try Resume.check(since: since, prunedThrough: prunedThrough, latest: latest)
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT seq, type, at, data FROM events WHERE topic = ? AND seq > ? ORDER BY seq
            """), arguments: [topic.description, since]).map { row in
            StoredEvent(topic: topic.description, seq: row["seq"], type: row["type"], at: Timestamp(milliseconds: row["at"]), data: row["data"])
        }
        return Replay(latestSeq: latest, events: events)
    }

    /// Deletes events older than `cutoff`; a later `since` before them gets the `resync` answer.
    @discardableResult
    public func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int {
        try await writer.write { db in
            try db.cachedStatement(sql: """
                UPDATE topics SET pruned_through = MAX(pruned_through, COALESCE(
                    (SELECT MAX(seq) FROM events WHERE events.topic = topics.name AND events.at < ?), 0))
                """).execute(arguments: [cutoff.milliseconds])
            try db.cachedStatement(sql: "DELETE FROM events WHERE at < ?").execute(arguments: [cutoff.milliseconds])
            return db.changesCount
        }
    }

    /// Every event of a topic after `since` (tests and tools).
    public func events(topic: Topic, since: Int64 = 0) async throws -> Replay {
        try await writer.read { db in try Self.replay(db, topic: topic, since: since) }
    }
}
