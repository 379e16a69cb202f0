import GRDB
import SeminarCore
import SeminarStore
import Testing

/// What only the SQLite store has: its migrations (the log itself is in `Contract/EventLogContractTests`).
@Suite("the SQLite store")
struct SQLiteMigrationTests {
    @Test("migrations create every table on an empty database")
    func migrations() async throws {
        let database = try AppDatabase.inMemory()
        let tables = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        #expect(Set(tables).isSuperset(of: ["users", "auth_sessions", "topics", "events", "idempotency_keys", "announcements", "seminar", "tracks", "sessions"]))
    }
}
