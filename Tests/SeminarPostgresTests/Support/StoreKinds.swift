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

    /// A fresh whole store of `kind`, as a node holds it: SQLite in memory, or ``PostgresStore`` on a fresh database with
    /// its bus running (`as` names the part a suite tests); how to end it.
    static func node<Subject: Sendable>(_ kind: String, as subject: @escaping (PostgresStore) -> Subject,
                                        sqlite: () throws -> Subject) async throws -> (store: Subject, close: @Sendable () async -> Void) {
        guard kind == "postgres" else { return (try sqlite(), {}) }
        let url = try await TestPostgres.freshDatabase()
        let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        let bus = ClusterBus(database: database, sink: { _ in })
        bus.start()
        return (subject(PostgresStore(database: database, bus: bus, wire: .seminar)), {
            bus.stop()
            database.close()
            await TestPostgres.drop(url)
        })
    }
}
