import Foundation
import GRDB
import SeminarCore

extension AppDatabase {
    /// Creates an account; `conflict` on `email` when the address is taken.
    public func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role, now: Timestamp) async throws -> UserRecord {
        try await writer.write { db in
            try AccountRules.mayCreate(emailTaken: try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE email = ?"), arguments: [email]) != nil)
            try db.cachedStatement(sql: """
                INSERT INTO users(email, password_hash, display_name, locale, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [email, passwordHash, displayName, locale.rawValue, role.rawValue, now.milliseconds])
            let id = db.lastInsertedRowID
            try db.cachedStatement(sql: "INSERT INTO people_fts(user_id, name, organisation, city) VALUES (?, ?, '', '')").execute(arguments: [id, displayName])
            guard let user = try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.internal, "created user vanished")
            }
            return user
        }
    }

    public func user(email: String) async throws -> UserRecord? {
        try await writer.read { db in try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE email = ?"), arguments: [email]) }
    }

    public func user(id: UserID) async throws -> UserRecord? {
        try await writer.read { db in try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [id.rawValue]) }
    }

    public func setLocale(user: UserID, locale: Language) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "UPDATE users SET locale = ? WHERE id = ?").execute(arguments: [locale.rawValue, user.rawValue])
        }
    }

    /// Stores a new sign-in session by the hash of its token.
    public func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "DELETE FROM auth_sessions WHERE expires_at <= ?").execute(arguments: [now.milliseconds])
            try db.execute(
                sql: "INSERT INTO auth_sessions(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [Data(tokenHash), user.rawValue, now.milliseconds, expiresAt.milliseconds])
        }
    }

    /// The account behind a session token's hash, if the session exists and has not expired.
    public func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord? {
        try await writer.read { db in
            try UserRecord.fetchOne(db.cachedStatement(sql: """
                SELECT users.* FROM auth_sessions JOIN users ON users.id = auth_sessions.user_id
                WHERE auth_sessions.token_hash = ? AND auth_sessions.expires_at > ?
                """), arguments: [Data(tokenHash), now.milliseconds])
        }
    }

    /// Which of these session hashes still name a live (present and unexpired) session.
    public func liveSessions(among hashes: [[UInt8]], now: Timestamp) async throws -> Set<[UInt8]> {
        try await writer.read { db in
            var live = Set<[UInt8]>()
            for chunk in stride(from: 0, to: hashes.count, by: 500).map({ hashes[$0..<min($0 + 500, hashes.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                var arguments = StatementArguments(chunk.map { Data($0) })
                arguments += [now.milliseconds]
                for data in try Data.fetchAll(db, sql: "SELECT token_hash FROM auth_sessions WHERE token_hash IN (\(marks)) AND expires_at > ?",
                                              arguments: arguments) {
                    live.insert([UInt8](data))
                }
            }
            return live
        }
    }

    public func deleteAuthSession(tokenHash: [UInt8]) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "DELETE FROM auth_sessions WHERE token_hash = ?").execute(arguments: [Data(tokenHash)])
        }
    }

    /// Replaces the person's password and ends every other session of theirs (the one in use, `keep`, stays).
    public func changePassword(user: UserID, passwordHash: String, keep: [UInt8]) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "UPDATE users SET password_hash = ? WHERE id = ?").execute(arguments: [passwordHash, user.rawValue])
            try db.cachedStatement(sql: "DELETE FROM auth_sessions WHERE user_id = ? AND token_hash != ?").execute(arguments: [user.rawValue, Data(keep)])
        }
    }
}
