import SeminarCore

/// Whether the store answers, for `/healthz`.
public protocol StoreHealth: Sendable {
    /// Answers when the database does (for `/healthz`).
    func ping() async throws
}

extension AppDatabase: StoreHealth {}
