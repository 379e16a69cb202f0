import Foundation
import GRDB
import SeminarCore

extension AppDatabase {
    /// Runs `work` once per (user, key): a retry with the same key gets the first reply and changes nothing.
    /// Must run inside the use case's transaction so the reply and the work commit together.
    static func idempotent<Reply: Codable>(
        _ db: Database, user: UserID, key: String?, type: String, now: Timestamp, work: () throws -> Reply
    ) throws -> Reply {
        guard let key else { return try work() }
        try RequestKey.check(key)
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT type, reply FROM idempotency_keys WHERE user_id = ? AND key = ?"),
                                      arguments: [user.rawValue, key]) {
            try RequestKey.mayReplay(storedType: row["type"], type: type)
            return try JSONDecoder().decode(Reply.self, from: Data((row["reply"] as String).utf8))
        }
        let reply = try work()
        try db.execute(
            sql: "INSERT INTO idempotency_keys(user_id, key, type, reply, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [user.rawValue, key, type, String(decoding: try JSONEncoder().encode(reply), as: UTF8.self), now.milliseconds])
        return reply
    }
}
