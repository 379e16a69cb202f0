import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Accounts and sign-in sessions in PostgreSQL (the cluster's ``AccountStore``): any node signs anyone in. A token's
/// hash is stored as `bytea`.
public final class PostgresAccounts: AccountStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    static let columns = "id, email, password_hash, display_name, locale, role"

    public func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role,
                           now: Timestamp) async throws -> UserRecord {
        let logger = database.logger
        return try await database.transaction { connection in
            // The unique index on lower(email) holds two nodes creating the same account at once; the check makes the
            // usual case the rule's own refusal.
            let found = try await connection.query("SELECT 1 FROM users WHERE lower(email) = lower(\(email))", logger: logger)
            var taken = false
            for try await _ in found.decode(Int.self) { taken = true }
            try AccountRules.mayCreate(emailTaken: taken)
            let rows = try await connection.query("""
                INSERT INTO users(email, password_hash, display_name, locale, role, created_at)
                VALUES (\(email), \(passwordHash), \(displayName), \(locale.rawValue), \(role.rawValue), \(now.milliseconds))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger)
            var made: Int64?
            for try await id in rows.decode(Int64.self) { made = id }
            guard let id = made else {
                try AccountRules.mayCreate(emailTaken: true)
                throw DomainError(.internal, "an account was not created")
            }
            return UserRecord(id: UserID(id), email: email, passwordHash: passwordHash, displayName: displayName, locale: locale, role: role)
        }
    }

    public func user(id: UserID) async throws -> UserRecord? {
        try await first("SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id.rawValue)")
    }

    public func user(email: String) async throws -> UserRecord? {
        try await first("SELECT \(unescaped: Self.columns) FROM users WHERE lower(email) = lower(\(email))")
    }

    public func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord? {
        try await first("""
            SELECT u.id, u.email, u.password_hash, u.display_name, u.locale, u.role FROM auth_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(ByteBuffer(bytes: tokenHash)) AND s.expires_at > \(now.milliseconds)
            """)
    }

    /// Stores a new sign-in session by the hash of its token; expired ones go at the same time.
    public func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query("DELETE FROM auth_sessions WHERE expires_at <= \(now.milliseconds)", logger: logger)
            try await connection.query("""
                INSERT INTO auth_sessions(token_hash, user_id, created_at, expires_at)
                VALUES (\(ByteBuffer(bytes: tokenHash)), \(user.rawValue), \(now.milliseconds), \(expiresAt.milliseconds))
                """, logger: logger)
        }
    }

    public func deleteAuthSession(tokenHash: [UInt8]) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query("DELETE FROM auth_sessions WHERE token_hash = \(ByteBuffer(bytes: tokenHash))", logger: logger)
        }
    }

    private func first(_ query: PostgresQuery) async throws -> UserRecord? {
        let logger = database.logger
        return try await database.transaction { connection in try await Self.record(query, on: connection, logger: logger) }
    }

    /// The account `query` selects (its `columns`, in order), in the caller's transaction.
    static func record(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> UserRecord? {
        var found: UserRecord?
        for try await (id, email, hash, name, locale, role) in try await connection.query(query, logger: logger)
            .decode((Int64, String, String, String, String, String).self) {
            found = UserRecord(id: UserID(id), email: email, passwordHash: hash, displayName: name, locale: Language(rawValue: locale) ?? .en,
                               role: Role(rawValue: role) ?? .participant)
        }
        return found
    }
}
