import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// What the use cases of one aggregate share on a node: the database, the event log and the wire their events are
/// written in. `write` is the use-case shape's last steps: one transaction for the changes and their events, then
/// delivery of those events (here and, by hint, to the other nodes) once committed.
public struct AggregateContext: Sendable {
    let database: PostgresDatabase
    let log: PostgresEventLog
    let wire: EventWire

    public init(database: PostgresDatabase, log: PostgresEventLog, wire: EventWire) {
        self.database = database
        self.log = log
        self.wire = wire
    }

    var logger: Logger { database.logger }

    /// Runs `body` in one transaction; the events it appends (`appended`) are delivered after the commit, never before
    /// and never for a transaction that rolled back.
    func write<Result: Sendable>(_ body: (PostgresConnection, inout [StoredEvent]) async throws -> Result) async throws -> Result {
        var appended: [StoredEvent] = []
        let result = try await database.transaction { connection in try await body(connection, &appended) }
        log.delivered(appended)
        return result
    }

    /// Runs `body`, which makes one change in one statement and appends no event: the statement is its own transaction
    /// (one round trip, where ``write(_:)`` takes three). For the writes every join makes (attendance, last seen).
    func single<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await database.client.withConnection { connection in try await body(connection) }
    }

    /// Reads in one snapshot (a read-only transaction that sees one moment, as SQLite's read transactions do).
    func read<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await database.snapshot(body)
    }

    /// Appends `event` to `topic` in the caller's transaction.
    func append(_ event: DomainEvent, to topic: Topic, at now: Timestamp, on connection: PostgresConnection) async throws -> StoredEvent {
        try await log.append(event, to: topic, at: now, wire: wire, on: connection)
    }
}
