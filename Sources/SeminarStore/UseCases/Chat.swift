import GRDB
import SeminarCore

extension AppDatabase {
    /// Stores a chat message if `check` allows it on the room's facts, read in the same transaction.
    public func sendChat(room id: RoomID, text: String, replyTo: ChatMessageID?, by author: UserRecord, key: String?, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.chatSend.rawValue, now: now) {
                let room = try Self.room(db, id: id)
                let facts = try Self.facts(db, room: room, user: author)
                try check(facts)
                if let replyTo, try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM chat_messages WHERE id = ? AND room_id = ?"), arguments: [replyTo, id]) == nil {
                    throw DomainError(.notFound, "The message replied to is not in this room", field: "replyTo")
                }
                try db.cachedStatement(sql: "INSERT INTO chat_messages(room_id, author_id, text, reply_to, at) VALUES (?, ?, ?, ?, ?)").execute(
                               arguments: [id, author.id.rawValue, text, replyTo, now.milliseconds])
                let messageID = ChatMessageID(db.lastInsertedRowID)
                let message = ChatMessage(id: messageID, roomId: id, author: Self.roomAuthor(author, hostsRoom: facts.isHost),
                                          text: text, replyTo: replyTo, at: now)
                let event = try self.append(db, topic: room.topic, .room(.chatMessage(message)), at: now)
                return Created(id: messageID.rawValue, seq: event.seq)
            }
        }
    }

    /// Deletes a message: its author or the room's hosts.
    public func deleteChat(message id: ChatMessageID, by user: UserRecord, now: Timestamp) async throws {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT room_id, author_id, deleted FROM chat_messages WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "No such message", field: "messageId")
            }
            let roomID: RoomID = row["room_id"]
            let authorID: Int64 = row["author_id"]
            try RoomHosting.mayDelete(messageBy: UserID(authorID), by: user.id, isHost: try Self.isHost(db, user: user, room: roomID))
            if row["deleted"] as Bool { return }
            try db.cachedStatement(sql: "UPDATE chat_messages SET deleted = 1 WHERE id = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "UPDATE rooms SET pinned_message_id = NULL WHERE id = ? AND pinned_message_id = ?").execute(arguments: [roomID, id])
            _ = try self.append(db, topic: .room(roomID), .room(.chatDeleted(id: id)), at: now)
        }
    }

    /// Up to `limit` messages before `before` (newest page when nil), oldest first; `more` when older ones exist.
    static func chatPage(_ db: Database, room: RoomID, before: ChatMessageID?, limit: Int) throws -> ChatPage {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.id, m.text, m.reply_to, m.at, u.id AS author_id, u.display_name, u.role FROM chat_messages m
            JOIN users u ON u.id = m.author_id
            WHERE m.room_id = ? AND m.deleted = 0 AND m.id < ? ORDER BY m.id DESC LIMIT ?
            """), arguments: [room, before?.rawValue ?? Int64.max, limit + 1])
        let hosts = try roomHostIDs(db, room: room)
        let messages = rows.prefix(limit).reversed().map { row in
            ChatMessage(id: row["id"], roomId: room, author: roomAuthor(row, hosts: hosts),
                        text: row["text"], replyTo: row["reply_to"], at: Timestamp(milliseconds: row["at"]))
        }
        return ChatPage(messages: Array(messages), more: rows.count > limit)
    }

    public func chatHistory(room id: RoomID, before: ChatMessageID?) async throws -> ChatPage {
        try await writer.read { db in
            _ = try Self.room(db, id: id)
            return try Self.chatPage(db, room: id, before: before, limit: 50)
        }
    }
}
