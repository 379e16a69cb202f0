import Foundation
import GRDB
import SeminarCore

/// An event as committed to the durable log.
public struct StoredEvent: Sendable, Equatable {
    public let topic: String
    public let seq: Int64
    public let type: String
    public let at: Timestamp
    /// The event's `data`, as JSON text.
    public let data: String

    public init(topic: String, seq: Int64, type: String, at: Timestamp, data: String) {
        self.topic = topic
        self.seq = seq
        self.type = type
        self.at = at
        self.data = data
    }
}

/// Receives committed events in commit order, on the writer's queue, right after each commit.
public typealias EventSink = @Sendable (StoredEvent) -> Void

/// The seminar's database: one writer, every use case one transaction.
public struct AppDatabase: Sendable {
    /// The SQLite connection pool. `package`: no module goes around the use cases; only the package's tests reach into
    /// SQLite (to fake an old row, to count what a refusal left).
    package let writer: any DatabaseWriter
    let sink: EventSink
    /// How the domain events it appends are written to the log (``EventWire``).
    let wire: EventWire
    /// The small writes of every join, committed together under load (see `GroupCommit`).
    let joinWrites: GroupCommit

    /// Opens (creating if needed) the database and runs the migrations.
    public init(_ writer: any DatabaseWriter, sink: @escaping EventSink = { _ in }, wire: EventWire = .unmapped) throws {
        self.writer = writer
        self.sink = sink
        self.wire = wire
        self.joinWrites = GroupCommit(writer)
        try Self.migrator.migrate(writer)
    }

    /// The database file in `directory` (created if missing), in WAL mode. `onWrite` is told how long each
    /// statement that writes (and each commit) took, in seconds.
    public static func open(directory: String, sink: @escaping EventSink = { _ in }, wire: EventWire = .unmapped,
                            onWrite: (@Sendable (Double) -> Void)? = nil) throws -> AppDatabase {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = configuration()
        if let onWrite {
            config.prepareDatabase { db in
                // The writer's statements only: reading a statement's SQL costs, and readers never write.
                guard !db.configuration.readonly else { return }
                db.trace(options: .profile) { event in
                    guard case let .profile(statement, duration) = event else { return }
                    let verb = statement.sql.prefix(8).uppercased()
                    if verb.hasPrefix("INSERT") || verb.hasPrefix("UPDATE") || verb.hasPrefix("DELETE") || verb.hasPrefix("COMMIT") {
                        onWrite(duration)
                    }
                }
            }
        }
        let pool = try DatabasePool(path: (directory as NSString).appendingPathComponent("seminar.sqlite"), configuration: config)
        return try AppDatabase(pool, sink: sink, wire: wire)
    }

    /// A private in-memory database, for tests.
    public static func inMemory(sink: @escaping EventSink = { _ in }, wire: EventWire = .unmapped) throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()), sink: sink, wire: wire)
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL + NORMAL: a committed transaction survives a crash of the process (kill -9);
            // only a power loss may drop the last commits. See docs/operations.md.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Join writes (attendance, "seen today") asked for and not yet committed.
    public var joinWritesPending: Int { joinWrites.pending }

    /// Answers when the database does (for `/healthz`).
    public func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// An online, consistent copy of the database at `path` (SQLite's backup API).
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }
}
