import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Passwords in PostgreSQL (the cluster's ``PasswordStore``): a change by the signed-in person, and recovery by a one-time
/// reset link. A reset locks the person's row before it looks at the token, so the same link (or two links of one
/// person) used on two nodes at once resets once: the second finds its token spent.
public final class PostgresPasswords: PasswordStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Replaces the person's password and ends every other session of theirs (the one in use, `keep`, stays).
    public func changePassword(user: UserID, passwordHash: String, keep: [UInt8]) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await connection.query("UPDATE users SET password_hash = \(passwordHash) WHERE id = \(user)", logger: logger)
            try await connection.query("DELETE FROM auth_sessions WHERE user_id = \(user) AND token_hash <> \(ByteBuffer(bytes: keep))", logger: logger)
        }
    }

    /// For a known address: stores a reset token (by its hash) and enqueues the mail `compose` writes, in one
    /// transaction. False (and nothing written) for an unknown address.
    public func requestPasswordReset(email: String, tokenHash: [UInt8], now: Timestamp, expiresAt: Timestamp,
                                     compose: @Sendable (UserRecord, LocalizedText?) -> OutboxMail) async throws -> Bool {
        let logger = logger
        return try await context.write { connection, _ in
            guard let user = try await PostgresAccounts.record("""
                SELECT \(unescaped: PostgresAccounts.columns) FROM users WHERE lower(email) = lower(\(email))
                """, on: connection, logger: logger) else { return false }
            let name: LocalizedText? = try await connection.value("SELECT name FROM seminar WHERE id = 1", as: String.self, logger: logger)
                .flatMap { try? ColumnJSON.decode($0) }
            try await connection.query("""
                INSERT INTO password_resets(token_hash, user_id, created_at, expires_at)
                VALUES (\(ByteBuffer(bytes: tokenHash)), \(user.id), \(now.milliseconds), \(expiresAt.milliseconds))
                """, logger: logger)
            _ = try await PostgresMailOutbox.enqueue(compose(user, name), now: now, on: connection, logger: logger)
            return true
        }
    }

    /// True while the reset token is unused and unexpired (a cheap check before hashing the new password).
    public func passwordResetIsValid(tokenHash: [UInt8], now: Timestamp) async throws -> Bool {
        let logger = logger
        return try await context.read { connection in
            try await connection.exists("""
                SELECT 1 FROM password_resets WHERE token_hash = \(ByteBuffer(bytes: tokenHash)) AND used_at IS NULL AND expires_at > \(now.milliseconds)
                """, logger: logger)
        }
    }

    /// Spends the reset token and sets the password, in one transaction: every session of the person ends, every
    /// other reset token of theirs is spent, and a new session (`sessionHash`) starts for this browser. Nil (nothing
    /// written) when the token is unknown, used or expired.
    public func resetPassword(tokenHash: [UInt8], passwordHash: String, sessionHash: [UInt8], now: Timestamp,
                              sessionExpiresAt: Timestamp) async throws -> UserRecord? {
        let logger = logger
        let token = ByteBuffer(bytes: tokenHash)
        return try await context.write { connection, _ in
            guard let owner = try await connection.value("SELECT user_id FROM password_resets WHERE token_hash = \(token)", as: Int64.self, logger: logger),
                  let user = try await PostgresAccounts.record("SELECT \(unescaped: PostgresAccounts.columns) FROM users WHERE id = \(owner) FOR UPDATE",
                                                               on: connection, logger: logger),
                  // Read once the person's row is ours: a reset that committed meanwhile has spent this token.
                  try await connection.exists("""
                      SELECT 1 FROM password_resets WHERE token_hash = \(token) AND used_at IS NULL AND expires_at > \(now.milliseconds)
                      """, logger: logger)
            else { return nil }
            try await connection.query("UPDATE password_resets SET used_at = \(now.milliseconds) WHERE user_id = \(user.id) AND used_at IS NULL",
                                       logger: logger)
            try await connection.query("UPDATE users SET password_hash = \(passwordHash) WHERE id = \(user.id)", logger: logger)
            try await connection.query("DELETE FROM auth_sessions WHERE user_id = \(user.id)", logger: logger)
            try await connection.query("""
                INSERT INTO auth_sessions(token_hash, user_id, created_at, expires_at)
                VALUES (\(ByteBuffer(bytes: sessionHash)), \(user.id), \(now.milliseconds), \(sessionExpiresAt.milliseconds))
                """, logger: logger)
            return user
        }
    }
}
