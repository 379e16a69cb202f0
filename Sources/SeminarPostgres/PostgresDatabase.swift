import Logging
import PostgresNIO
import SeminarCore

/// A node's connections to the cluster's PostgreSQL: a pool for reads and writes, and the address for the dedicated
/// listening connection. `open` runs the schema migrations (once across nodes); `close` ends the pool.
public final class PostgresDatabase: Sendable {
    /// The schema version `open` brings a database to (each version runs once, in order).
    public static let schemaVersions = PostgresMigrations.versions.map(\.version)

    public let url: DatabaseURL
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    private init(url: DatabaseURL, client: PostgresClient, logger: Logger) {
        self.url = url
        self.client = client
        self.logger = logger
        self.running = Task { await client.run() }
    }

    /// Connects to `url` and brings the schema up to date.
    public static func open(_ url: DatabaseURL, logger: Logger, maximumConnections: Int = 20) async throws -> PostgresDatabase {
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.additionalStartupParameters = [("application_name", "seminar")]
        let database = PostgresDatabase(url: url, client: PostgresClient(configuration: configuration, backgroundLogger: logger),
                                        logger: logger)
        do {
            try await PostgresMigrations.run(on: database.client, logger: logger)
        } catch {
            database.close()
            throw error
        }
        return database
    }

    /// A connection of its own (not from the pool), named `application_name` in `pg_stat_activity`.
    func connection(named name: String) async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        configuration.options.additionalStartupParameters = [("application_name", name)]
        return try await PostgresConnection.connect(configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
    }

    public func close() {
        running.cancel()
    }
}

extension PostgresDatabase {
    /// Runs `body` in a transaction on a pooled connection; an error thrown by `body` comes out as itself (a refusal
    /// stays a ``DomainError``), a failed commit as the driver's error.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    /// Runs `body` in a read-only transaction that sees one moment (as SQLite's read transactions do), begun in one
    /// statement: a read as big as a room's entry is a dozen round trips, each held while the node is busy.
    func snapshot<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let logger = logger
        return try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                // As the driver's own transactions do: the connection goes back to the pool out of the transaction.
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return result
        }
    }
}

extension PostgresDatabase {
    /// The lock nodes take to set up a fresh seminar (the demo), so that nodes started together set it up once.
    static let setupLock: Int64 = 0x5345_4D53_4554_5550

    /// Runs `body` while holding the cluster's setup lock: one node at a time, whichever started first.
    public func exclusively(_ body: @Sendable () async throws -> Void) async throws {
        let logger = logger
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.setupLock))", logger: logger)
            do {
                try await body()
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.setupLock))", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(\(Self.setupLock))", logger: logger)
        }
    }
}
