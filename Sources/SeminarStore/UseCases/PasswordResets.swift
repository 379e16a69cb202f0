import Foundation
import GRDB
import SeminarCore

extension AppDatabase {
    /// For a known address: stores a reset token (by its hash) and enqueues the mail `compose` writes, in one
    /// transaction. False (and nothing written) for an unknown address.
    public func requestPasswordReset(
        email: String, tokenHash: [UInt8], now: Timestamp, expiresAt: Timestamp,
        compose: @Sendable (UserRecord, LocalizedText?) -> OutboxMail
    ) async throws -> Bool {
        try await writer.write { db in
            guard let user = try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE email = ?"), arguments: [email]) else {
                return false
            }
            let name: LocalizedText? = try String.fetchOne(db, sql: "SELECT name FROM seminar WHERE id = 1").flatMap { try? Self.decode($0) }
            try db.cachedStatement(sql: "INSERT INTO password_resets(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [Data(tokenHash), user.id.rawValue, now.milliseconds, expiresAt.milliseconds])
            try Self.enqueueMail(db, compose(user, name), now: now)
            return true
        }
    }

    /// True while the reset token is unused and unexpired (a cheap check before hashing the new password).
    public func passwordResetIsValid(tokenHash: [UInt8], now: Timestamp) async throws -> Bool {
        try await writer.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?"),
                             arguments: [Data(tokenHash), now.milliseconds]) != nil
        }
    }

    /// Spends the reset token and sets the password, in one transaction: every session of the person ends, every
    /// other reset token of theirs is spent, and a new session (`sessionHash`) starts for this browser. Nil (nothing
    /// written) when the token is unknown, used or expired.
    public func resetPassword(tokenHash: [UInt8], passwordHash: String, sessionHash: [UInt8], now: Timestamp,
                              sessionExpiresAt: Timestamp) async throws -> UserRecord? {
        try await writer.write { db in
            guard let userID = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                """), arguments: [Data(tokenHash), now.milliseconds]),
                  let user = try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [userID])
            else { return nil }
            try db.cachedStatement(sql: "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
                .execute(arguments: [now.milliseconds, userID])
            try db.cachedStatement(sql: "UPDATE users SET password_hash = ? WHERE id = ?").execute(arguments: [passwordHash, userID])
            try db.cachedStatement(sql: "DELETE FROM auth_sessions WHERE user_id = ?").execute(arguments: [userID])
            try db.cachedStatement(sql: "INSERT INTO auth_sessions(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [Data(sessionHash), userID, now.milliseconds, sessionExpiresAt.milliseconds])
            return user
        }
    }
}
