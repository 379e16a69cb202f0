import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// A room's hosts at work in PostgreSQL: its lock and capacity, streams, pinned message, who is muted or removed, and
/// its questions marked. Each act locks the room's row, so two hosts acting at once act in turn; setting what already
/// is changes nothing and tells nobody.
extension PostgresRooms {
    /// Changes a room's settings and sends `room.updated`; `change` writes what differs and says whether anything did.
    func update(_ id: RoomID, by user: UserRecord, now: Timestamp,
                change: @Sendable (PostgresConnection, Room) async throws -> Bool) async throws -> Room {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(user, room: id, on: connection, logger: logger))
            guard try await change(connection, try await Self.room(id, lockedOn: connection, logger: logger)) else {
                return try await Self.room(id, on: connection, logger: logger)
            }
            let room = try await Self.room(id, on: connection, logger: logger)
            appended.append(try await context.append(.room(.updated(room)), to: room.topic, at: now, on: connection))
            return room
        }
    }

    public func setAccess(_ id: RoomID, locked: Bool?, capacity: Int?, by user: UserRecord, now: Timestamp) async throws -> Room {
        let logger = logger
        return try await update(id, by: user, now: now) { connection, room in
            var changed = false
            if let locked, locked != room.locked {
                try await connection.query("UPDATE rooms SET locked = \(locked) WHERE id = \(id)", logger: logger)
                changed = true
            }
            if let capacity, (capacity == 0 ? nil : capacity) != room.capacity {
                try await connection.query("UPDATE rooms SET capacity = \(capacity == 0 ? nil : capacity) WHERE id = \(id)", logger: logger)
                changed = true
            }
            return changed
        }
    }

    public func setStream(_ id: RoomID, language: String, url: String?, by user: UserRecord, now: Timestamp) async throws -> Room {
        let logger = logger
        return try await update(id, by: user, now: now) { connection, room in
            guard room.streams[language] != url else { return false }
            var streams = room.streams
            streams[language] = url
            try await connection.query("UPDATE rooms SET streams = \(try ColumnJSON.encode(streams)) WHERE id = \(id)", logger: logger)
            return true
        }
    }

    public func pin(_ id: RoomID, message: ChatMessageID?, by user: UserRecord, now: Timestamp) async throws -> Room {
        let logger = logger
        return try await update(id, by: user, now: now) { connection, room in
            if let message, try await !connection.exists("SELECT 1 FROM chat_messages WHERE id = \(message) AND room_id = \(id) AND NOT deleted",
                                                          logger: logger) {
                throw DomainError(.notFound, "No such message in this room", field: "messageId")
            }
            guard room.pinnedMessageId != message else { return false }
            try await connection.query("UPDATE rooms SET pinned_message_id = \(message) WHERE id = \(id)", logger: logger)
            return true
        }
    }

    public func mute(_ id: RoomID, user target: UserID, minutes: Int, by user: UserRecord, now: Timestamp) async throws -> Timestamp? {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(user, room: id, on: connection, logger: logger))
            let room = try await Self.room(id, on: connection, logger: logger)
            _ = try await PostgresPeople.person(target.rawValue, on: connection, logger: logger)
            let until = minutes == 0 ? nil : now.adding(seconds: Int64(minutes) * 60)
            try await connection.query("""
                INSERT INTO room_moderation(room_id, user_id, muted_until) VALUES (\(id), \(target), \(until?.milliseconds))
                ON CONFLICT (room_id, user_id) DO UPDATE SET muted_until = excluded.muted_until
                """, logger: logger)
            appended.append(try await context.append(.room(.muted(userId: target.rawValue, until: until)), to: room.topic, at: now, on: connection))
            return until
        }
    }

    public func removeFromRoom(_ id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(user, room: id, on: connection, logger: logger))
            let room = try await Self.room(id, lockedOn: connection, logger: logger)
            _ = try await PostgresPeople.person(target.rawValue, on: connection, logger: logger)
            // Removed already: nothing changes, nobody is told again.
            if try await Self.standing(of: target, room: id, on: connection, logger: logger).removed { return }
            try await connection.query("""
                INSERT INTO room_moderation(room_id, user_id, removed) VALUES (\(id), \(target), true)
                ON CONFLICT (room_id, user_id) DO UPDATE SET removed = true
                """, logger: logger)
            appended.append(try await context.append(.room(.removed(userId: target.rawValue)), to: room.topic, at: now, on: connection))
        }
    }

    /// Host: marks a question answered, or hides it; marked already, nothing changes and nobody is told again.
    public func markQuestion(_ id: QuestionID, answered: Bool, by user: UserRecord, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            var found: (room: RoomID, answered: Bool, hidden: Bool)?
            for try await row in try await connection.query("SELECT room_id, answered, hidden FROM questions WHERE id = \(id) FOR UPDATE", logger: logger)
                .decode((RoomID, Bool, Bool).self) {
                found = row
            }
            guard let (roomID, wasAnswered, wasHidden) = found else { throw DomainError(.notFound, "No such question", field: "questionId") }
            try RoomHosting.require(isHost: try await Self.isHost(user, room: roomID, on: connection, logger: logger))
            if answered ? wasAnswered : wasHidden { return }
            try await connection.query(PostgresQuery(unsafeSQL: "UPDATE questions SET \(answered ? "answered" : "hidden") = true WHERE id = \(id.rawValue)"),
                                       logger: logger)
            appended.append(try await context.append(.room(answered ? .questionAnswered(id: id) : .questionHidden(id: id)), to: .room(roomID), at: now,
                                                     on: connection))
        }
    }

    // MARK: attendance

    public func recordJoin(room: RoomID, user: UserID, now: Timestamp) async throws -> Int64 {
        let logger = logger
        return try await context.single { connection in
            guard let id = try await connection.value("""
                INSERT INTO attendance(room_id, user_id, joined_at) VALUES (\(room), \(user), \(now.milliseconds)) RETURNING id
                """, as: Int64.self, logger: logger)
            else { throw DomainError(.internal, "an attendance was not stored") }
            return id
        }
    }

    public func recordLeave(attendance id: Int64, now: Timestamp) async throws {
        let logger = logger
        try await context.single { connection in
            try await connection.query("UPDATE attendance SET left_at = \(now.milliseconds) WHERE id = \(id) AND left_at IS NULL", logger: logger)
        }
    }

    /// Join and leave times of a room, for reports.
    public func attendance(room: RoomID) async throws -> [(user: Int64, joined: Timestamp, left: Timestamp?)] {
        let logger = logger
        return try await context.read { connection in
            var rows: [(user: Int64, joined: Timestamp, left: Timestamp?)] = []
            for try await (user, joined, left) in try await connection.query(
                "SELECT user_id, joined_at, left_at FROM attendance WHERE room_id = \(room) ORDER BY id", logger: logger).decode((Int64, Int64, Int64?).self) {
                rows.append((user, Timestamp(milliseconds: joined), left.map(Timestamp.init(milliseconds:))))
            }
            return rows
        }
    }
}
