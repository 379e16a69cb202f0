import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The durable event log in PostgreSQL (the cluster's ``EventLogStore``). Seqs come from a per-topic counter row
/// updated in the appending transaction (`UPDATE … RETURNING`), not from a SEQUENCE: a sequence is not
/// transactional, so a reader of `seq > last` could skip an event committed late; the row lock makes each topic's
/// seqs gapless and in commit order, with contention only within one topic. Committed events go to the node's
/// ``ClusterBus`` (local delivery, then a hint to the other nodes).
public final class PostgresEventLog: EventLogStore {
    let database: PostgresDatabase
    let bus: ClusterBus

    public init(database: PostgresDatabase, bus: ClusterBus) {
        self.database = database
        self.bus = bus
    }

    public func append(_ events: [NewEvent]) async throws -> [StoredEvent] {
        let logger = database.logger
        let stored = try await database.transaction { connection in
            var stored: [StoredEvent] = []
            for event in events {
                // One round trip: the counter row and the event in one statement (a domain event, whose data may carry its
                // seq, takes two: see `append(_:to:at:wire:on:)`).
                let name = event.topic.description
                let rows = try await connection.query("""
                    WITH head AS (
                        INSERT INTO topics(name, last_seq) VALUES (\(name), 1)
                        ON CONFLICT (name) DO UPDATE SET last_seq = topics.last_seq + 1
                        RETURNING last_seq)
                    INSERT INTO events(topic, seq, type, at, data)
                    SELECT \(name), last_seq, \(event.type), \(event.at.milliseconds), \(event.data) FROM head
                    RETURNING seq
                    """, logger: logger)
                for try await seq in rows.decode(Int64.self) {
                    stored.append(StoredEvent(topic: name, seq: seq, type: event.type, at: event.at, data: event.data))
                }
            }
            return stored
        }
        bus.committed(stored)
        return stored
    }

    /// Appends `event` to `topic` in the caller's transaction, written by `wire` (its seq known as it is written). The
    /// caller hands what it appended to ``delivered(_:)`` once the transaction has committed.
    func append(_ event: DomainEvent, to topic: Topic, at: Timestamp, wire: EventWire, on connection: PostgresConnection) async throws -> StoredEvent {
        try await Self.insert(topic: topic, at: at, on: connection, logger: database.logger) { seq in try wire.encode(event, seq) }
    }

    /// Events committed by a use case of another store of this node: delivered here and hinted to the other nodes.
    func delivered(_ events: [StoredEvent]) {
        bus.committed(events)
    }

    /// The topic's next seq from its counter row (taken in this transaction), and the event written with it.
    private static func insert(topic: Topic, at: Timestamp, on connection: PostgresConnection, logger: Logger,
                               written: (Int64) throws -> (type: String, data: String)) async throws -> StoredEvent {
        let name = topic.description
        var next: Int64?
        for try await seq in try await connection.query("""
            INSERT INTO topics(name, last_seq) VALUES (\(name), 1)
            ON CONFLICT (name) DO UPDATE SET last_seq = topics.last_seq + 1
            RETURNING last_seq
            """, logger: logger).decode(Int64.self) {
            next = seq
        }
        guard let seq = next else { throw DomainError(.internal, "no seq for \(name)") }
        let (type, data) = try written(seq)
        try await connection.query("INSERT INTO events(topic, seq, type, at, data) VALUES (\(name), \(seq), \(type), \(at.milliseconds), \(data))",
                                   logger: logger)
        return StoredEvent(topic: name, seq: seq, type: type, at: at, data: data)
    }

    public func events(topic: Topic, since: Int64) async throws -> Replay {
        let logger = database.logger
        // One snapshot for the head and the events (as SQLite's read transaction gives).
        return try await database.snapshot { connection in
            try await Self.replay(topic: topic, since: since, on: connection, logger: logger)
        }
    }

    /// The topic's events after `since` and its head, read in the caller's transaction (a snapshot and the events after
    /// it are read together, so that nothing falls between them).
    static func replay(topic: Topic, since: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Replay {
        let name = topic.description
        var latest: Int64 = 0
        var prunedThrough: Int64 = 0
        for try await (last, pruned) in try await connection.query(
            "SELECT last_seq, pruned_through FROM topics WHERE name = \(name)", logger: logger).decode((Int64, Int64).self) {
            latest = last
            prunedThrough = pruned
        }
        try Resume.check(since: since, prunedThrough: prunedThrough, latest: latest)
        var events: [StoredEvent] = []
        let rows = try await connection.query(
            "SELECT seq, type, at, data FROM events WHERE topic = \(name) AND seq > \(since) ORDER BY seq", logger: logger)
        for try await (seq, type, at, data) in rows.decode((Int64, String, Int64, String).self) {
            events.append(StoredEvent(topic: name, seq: seq, type: type, at: Timestamp(milliseconds: at), data: data))
        }
        return Replay(latestSeq: latest, events: events)
    }

    /// The topic's head (0 before its first event), in the caller's transaction.
    static func latestSeq(topic: Topic, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.value("SELECT last_seq FROM topics WHERE name = \(topic.description)", as: Int64.self, logger: logger) ?? 0
    }

    @discardableResult
    public func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query("""
                UPDATE topics SET pruned_through = GREATEST(pruned_through, COALESCE(
                    (SELECT MAX(seq) FROM events WHERE events.topic = topics.name AND events.at < \(cutoff.milliseconds)), 0))
                """, logger: logger)
            var deleted = 0
            for try await count in try await connection.query("""
                WITH gone AS (DELETE FROM events WHERE at < \(cutoff.milliseconds) RETURNING 1) SELECT count(*) FROM gone
                """, logger: logger).decode(Int64.self) {
                deleted = Int(count)
            }
            return deleted
        }
    }
}
