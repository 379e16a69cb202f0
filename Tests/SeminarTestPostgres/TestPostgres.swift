import Foundation
import Logging
import PostgresNIO
import SeminarCore

/// The PostgreSQL the tests run against: `SEMINAR_TEST_DATABASE_URL` (Tests/run-all.sh starts a throwaway one with
/// scripts/test-postgres.sh and sets it). Never skipped: without it these tests fail and say how to get one.
public enum TestPostgres {
    public static let logger: Logger = {
        var logger = Logger(label: "seminar.postgres.test")
        logger.logLevel = .warning
        return logger
    }()

    private static let server: Task<DatabaseURL, any Error> = Task {
        guard let text = ProcessInfo.processInfo.environment["SEMINAR_TEST_DATABASE_URL"], !text.isEmpty else {
            throw PostgresTestSetup("""
                no PostgreSQL for the tests: run Tests/run-all.sh (it starts one), or start one yourself with
                export SEMINAR_TEST_DATABASE_URL=$(scripts/test-postgres.sh start /tmp/seminar-pg) (stop: scripts/test-postgres.sh stop /tmp/seminar-pg)
                """)
        }
        return try DatabaseURL(text)
    }

    /// A new, empty database on the test server (dropped by `drop`).
    public static func freshDatabase() async throws -> DatabaseURL {
        let admin = try await server.value
        let name = "t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        try await withAdmin(admin) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        return DatabaseURL(user: admin.user, password: admin.password, host: admin.host, port: admin.port, database: name)
    }

    public static func drop(_ url: DatabaseURL) async {
        guard let admin = try? await server.value else { return }
        try? await withAdmin(admin) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)"), logger: logger)
        }
    }

    /// Runs `sql` on `url`'s database as the test's superuser (to end other connections, read pg_stat_activity).
    public static func execute(_ sql: String, on url: DatabaseURL) async throws {
        try await withAdmin(url) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    public static func count(_ sql: String, on url: DatabaseURL) async throws -> Int64 {
        try await withAdmin(url) { connection in
            var value: Int64 = 0
            for try await count in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) {
                value = count
            }
            return value
        }
    }

    private static func withAdmin<T: Sendable>(_ url: DatabaseURL, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Why the tests have no PostgreSQL, in words that say how to get one.
public struct PostgresTestSetup: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
