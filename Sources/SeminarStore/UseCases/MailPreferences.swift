import Foundation
import GRDB
import SeminarCore

/// Each person's mail preferences (the topics they turned off), and the server's keys (made once, kept).
extension AppDatabase {
    public func mailPreferences(of user: UserID) async throws -> MailPreferences {
        try await writer.read { db in try Self.mailPreferences(db, user) }
    }

    static func mailPreferences(_ db: Database, _ user: UserID) throws -> MailPreferences {
        MailPreferences(off: Set(try String.fetchAll(db.cachedStatement(sql: "SELECT topic FROM mail_preferences WHERE user_id = ?"),
                                                     arguments: [user.rawValue]).compactMap(MailTopic.init(rawValue:))))
    }

    /// Turns a topic on or off for `user`; the preferences after the change. Nil when there is no such person.
    public func setMailTopic(_ topic: MailTopic, on: Bool, for user: UserID) async throws -> MailPreferences? {
        try await writer.write { db in
            guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM users WHERE id = ?"), arguments: [user.rawValue]) != nil else { return nil }
            let sql = on ? "DELETE FROM mail_preferences WHERE user_id = ? AND topic = ?" : "INSERT OR IGNORE INTO mail_preferences(user_id, topic) VALUES (?, ?)"
            try db.cachedStatement(sql: sql).execute(arguments: [user.rawValue, topic.rawValue])
            return try Self.mailPreferences(db, user)
        }
    }

    /// The key named `name`, made by `make` the first time and the same ever after (whichever process asks first).
    public func serverKey(named name: String, make: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        try await writer.write { db in
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO server_keys(name, key) VALUES (?, ?)").execute(arguments: [name, Data(make())])
            return Array(try Data.fetchOne(db.cachedStatement(sql: "SELECT key FROM server_keys WHERE name = ?"), arguments: [name]) ?? Data())
        }
    }
}
