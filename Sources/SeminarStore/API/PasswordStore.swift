import SeminarCore

/// Passwords: a change by the signed-in person, and recovery by a one-time reset link.
public protocol PasswordStore: Sendable {
    /// Replaces the person's password and ends every other session of theirs (the one in use, `keep`, stays).
    func changePassword(user: UserID, passwordHash: String, keep: [UInt8]) async throws
    /// For a known address: stores a reset token (by its hash) and enqueues the mail `compose` writes, in one
    /// transaction. False (and nothing written) for an unknown address.
    func requestPasswordReset( email: String, tokenHash: [UInt8], now: Timestamp, expiresAt: Timestamp, compose: @Sendable (UserRecord, LocalizedText?) -> OutboxMail ) async throws -> Bool
    /// True while the reset token is unused and unexpired (a cheap check before hashing the new password).
    func passwordResetIsValid(tokenHash: [UInt8], now: Timestamp) async throws -> Bool
    /// Spends the reset token and sets the password, in one transaction: every session of the person ends, every
    /// other reset token of theirs is spent, and a new session (`sessionHash`) starts for this browser. Nil (nothing
    /// written) when the token is unknown, used or expired.
    func resetPassword(tokenHash: [UInt8], passwordHash: String, sessionHash: [UInt8], now: Timestamp, sessionExpiresAt: Timestamp) async throws -> UserRecord?
}

extension AppDatabase: PasswordStore {}
