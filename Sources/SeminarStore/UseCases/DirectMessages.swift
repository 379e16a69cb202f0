import GRDB
import SeminarCore

extension AppDatabase {
    /// Sends a direct message; `dm.message` goes to both people's topics. Refused between blocked people.
    public func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: sender.id, key: key, type: MessageType.dmSend.rawValue, now: now) {
                let to = try Self.person(db, id: recipient, online: false)
                try Contact.mayWrite(from: sender.id, to: UserID(recipient), blocked: try Self.blocked(db, around: sender.id).contains(UserID(recipient)))
                try db.cachedStatement(sql: "INSERT INTO direct_messages(from_id, to_id, text, at) VALUES (?, ?, ?, ?)").execute(
                               arguments: [sender.id.rawValue, recipient, text, now.milliseconds])
                let id = DirectMessageID(db.lastInsertedRowID)
                let message = DirectMessage(id: id, from: Self.author(sender),
                                            to: Self.author(id: recipient, name: to.displayName, role: try Self.role(db, of: recipient)), text: text, at: now)
                let mine = try self.append(db, topic: .user(sender.id), .people(.directMessage(message)), at: now)
                _ = try self.append(db, topic: .user(UserID(recipient)), .people(.directMessage(message)), at: now)
                return Created(id: id.rawValue, seq: mine.seq)
            }
        }
    }

    /// The conversation with `other`, 50 at a time, oldest first.
    public func dmHistory(user: UserID, with other: Int64, before: DirectMessageID?) async throws -> DirectMessagePage {
        try await writer.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.*, f.display_name AS from_name, f.role AS from_role, t.display_name AS to_name, t.role AS to_role FROM direct_messages m
                JOIN users f ON f.id = m.from_id JOIN users t ON t.id = m.to_id
                WHERE ((m.from_id = ? AND m.to_id = ?) OR (m.from_id = ? AND m.to_id = ?)) AND m.id < ?
                ORDER BY m.id DESC LIMIT 51
                """), arguments: [user.rawValue, other, other, user.rawValue, before?.rawValue ?? Int64.max])
            let messages = rows.prefix(50).reversed().map { row in
                DirectMessage(id: row["id"], from: Self.author(id: row["from_id"], name: row["from_name"], role: row["from_role"]),
                              to: Self.author(id: row["to_id"], name: row["to_name"], role: row["to_role"]), text: row["text"],
                              at: Timestamp(milliseconds: row["at"]))
            }
            return DirectMessagePage(messages: Array(messages), more: rows.count > 50)
        }
    }

    /// Marks `other`'s messages to `user` as read; when any were unread, the person's own topic says so (`dm.read
    /// {with}`), so that their other tabs and devices clear the count.
    public func markDMsRead(user: UserID, from other: Int64, now: Timestamp) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "UPDATE direct_messages SET read = 1 WHERE to_id = ? AND from_id = ? AND read = 0").execute(arguments: [user.rawValue, other])
            guard db.changesCount > 0 else { return }
            _ = try self.append(db, topic: .user(user), .people(.directMessagesRead(with: other)), at: now)
        }
    }

    /// Unread messages to `user`, by sender.
    public func unreadDMs(user: UserID) async throws -> [String: Int] {
        try await writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT from_id, COUNT(*) AS n FROM direct_messages WHERE to_id = ? AND read = 0 GROUP BY from_id"),
                                        arguments: [user.rawValue]) {
                counts[String(row["from_id"] as Int64)] = row["n"]
            }
            return counts
        }
    }

    /// The person's conversations, the latest first (50 at most), with the last message and the unread count;
    /// people blocked either way are left out.
    public func conversations(user: UserID) async throws -> [Conversation] {
        try await writer.read { db in
            let blocked = try Self.blocked(db, around: user)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT other, MAX(id) AS last_id FROM (
                    SELECT to_id AS other, id FROM direct_messages WHERE from_id = ?
                    UNION ALL SELECT from_id AS other, id FROM direct_messages WHERE to_id = ?
                ) GROUP BY other ORDER BY last_id DESC LIMIT 60
                """), arguments: [user.rawValue, user.rawValue])
            return try rows.compactMap { row -> Conversation? in
                let other: Int64 = row["other"]
                guard !blocked.contains(UserID(other)),
                      let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT text, at FROM direct_messages WHERE id = ?"), arguments: [row["last_id"] as Int64]),
                      let name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [other]) else { return nil }
                let unread = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM direct_messages WHERE to_id = ? AND from_id = ? AND read = 0"),
                                              arguments: [user.rawValue, other]) ?? 0
                return Conversation(with: Author(id: UserID(other), displayName: name), lastText: String((last["text"] as String).prefix(200)),
                                    lastAt: Timestamp(milliseconds: last["at"]), unread: unread)
            }.prefix(50).map { $0 }
        }
    }
}
