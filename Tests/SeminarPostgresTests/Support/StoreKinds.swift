import SeminarPostgres
import SeminarStore

/// The stores an aggregate's contract is held against, by name: the embedded SQLite one (in memory) and the cluster's
/// PostgreSQL one (a fresh database on the test server).
enum StoreKinds {
    static let all = ["sqlite", "postgres"]

    /// A fresh store of `kind`, and how to end it (the PostgreSQL database is dropped).
    static func make<Store: Sendable>(_ kind: String, postgres: (PostgresDatabase) -> Store,
                                      sqlite: () throws -> Store) async throws -> (store: Store, close: @Sendable () async -> Void) {
        guard kind == "postgres" else { return (try sqlite(), {}) }
        let url = try await TestPostgres.freshDatabase()
        let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        return (postgres(database), {
            database.close()
            await TestPostgres.drop(url)
        })
    }
}
