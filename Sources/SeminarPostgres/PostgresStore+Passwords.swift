import SeminarCore
import SeminarStore

/// A password change and recovery by a reset link on the cluster's PostgreSQL (``PostgresPasswords``).
extension PostgresStore: PasswordStore {
    var passwords: PostgresPasswords { PostgresPasswords(context) }

    public func changePassword(user: UserID, passwordHash: String, keep: [UInt8]) async throws {
        try await passwords.changePassword(user: user, passwordHash: passwordHash, keep: keep)
    }

    public func requestPasswordReset(email: String, tokenHash: [UInt8], now: Timestamp, expiresAt: Timestamp,
                                     compose: @Sendable (UserRecord, LocalizedText?) -> OutboxMail) async throws -> Bool {
        try await passwords.requestPasswordReset(email: email, tokenHash: tokenHash, now: now, expiresAt: expiresAt, compose: compose)
    }

    public func passwordResetIsValid(tokenHash: [UInt8], now: Timestamp) async throws -> Bool {
        try await passwords.passwordResetIsValid(tokenHash: tokenHash, now: now)
    }

    public func resetPassword(tokenHash: [UInt8], passwordHash: String, sessionHash: [UInt8], now: Timestamp,
                              sessionExpiresAt: Timestamp) async throws -> UserRecord? {
        try await passwords.resetPassword(tokenHash: tokenHash, passwordHash: passwordHash, sessionHash: sessionHash, now: now,
                                          sessionExpiresAt: sessionExpiresAt)
    }
}
