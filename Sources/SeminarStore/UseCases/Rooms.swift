import Foundation
import GRDB
import SeminarCore

/// A decision taken on a room's facts inside the transaction that acts on them (``RoomAccess/decide(_:_:entered:now:)``).
public typealias RoomCheck = @Sendable (RoomFacts) throws -> Void

extension AppDatabase {
    static func room(_ db: Database, id: RoomID) throws -> Room {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT r.*, s.title, s.starts_at, COALESCE(r.ends_at, s.ends_at) AS room_ends_at FROM rooms r
            LEFT JOIN sessions s ON s.id = r.session_id WHERE r.id = ?
            """), arguments: [id])
        else { throw DomainError(.notFound, "No room \(id)", field: "roomId") }
        let title: String? = row["title"]
        let name: String? = row["name"]
        let startsAt: Int64? = row["starts_at"]
        let endsAt: Int64? = row["room_ends_at"]
        return Room(
            id: row["id"], sessionId: row["session_id"], kind: row["kind"], parentRoomId: row["parent_room_id"],
            state: RoomState(rawValue: row["state"]) ?? .scheduled,
            locked: row["locked"], capacity: row["capacity"], streams: try decode(row["streams"]),
            pinnedMessageId: row["pinned_message_id"],
            title: try title.map { try decode($0) } ?? (try name.map { try decode($0) } ?? LocalizedText()),
            startsAt: startsAt.map(Timestamp.init(milliseconds:)), endsAt: endsAt.map(Timestamp.init(milliseconds:)))
    }

    /// Organisers, and hosts assigned to the room's session.
    static func isHost(_ db: Database, user: UserRecord, room: RoomID) throws -> Bool {
        try RoomHosting.isHost(role: user.role) {
            // A breakout room's session is its parent room's.
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM rooms r LEFT JOIN rooms p ON p.id = r.parent_room_id
                JOIN session_hosts h ON h.session_id = COALESCE(r.session_id, p.session_id) WHERE r.id = ? AND h.user_id = ?
                """), arguments: [room, user.id.rawValue]) != nil
        }
    }

    static func requireHost(_ db: Database, user: UserRecord, room: RoomID) throws {
        try RoomHosting.require(isHost: try isHost(db, user: user, room: room))
    }

    static func standing(_ db: Database, user: UserID, room: RoomID) throws -> RoomStanding {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT muted_until, removed FROM room_moderation WHERE room_id = ? AND user_id = ?"),
                                   arguments: [room, user.rawValue])
        let muted: Int64? = row?["muted_until"]
        return RoomStanding(mutedUntil: muted.map(Timestamp.init(milliseconds:)), removed: row?["removed"] ?? false)
    }

    public func room(id: RoomID) async throws -> Room {
        try await writer.read { db in try Self.room(db, id: id) }
    }

    public func isRoomHost(user: UserRecord, room: RoomID) async throws -> Bool {
        try await writer.read { db in try Self.isHost(db, user: user, room: room) }
    }

    /// What the room rules need of this room and this person (``RoomFacts``).
    static func facts(_ db: Database, room: Room, user: UserRecord) throws -> RoomFacts {
        let host = try isHost(db, user: user, room: room.id)
        var member: Bool?
        switch room.kind {
        case "meeting":
            member = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM meetings WHERE room_id = ? AND (a_id = ? OR b_id = ?)"),
                                      arguments: [room.id, user.id.rawValue, user.id.rawValue]) != nil
        case "breakout":
            member = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM breakout_members WHERE room_id = ? AND user_id = ?"),
                                      arguments: [room.id, user.id.rawValue]) != nil
        default:
            member = nil
        }
        return RoomFacts(roomId: room.id, kind: room.kind, state: room.state, locked: room.locked, capacity: room.capacity, isHost: host,
                         standing: try standing(db, user: user.id, room: room.id), isMember: member)
    }

    /// A room and what the room rules need of it and this person, read at once (one trip to a reader).
    public func roomFacts(room id: RoomID, for user: UserRecord) async throws -> (room: Room, facts: RoomFacts) {
        try await writer.read { db in
            let room = try Self.room(db, id: id)
            return (room, try Self.facts(db, room: room, user: user))
        }
    }

    /// What a person sees on entering a room, the events after `since`, and what the room rules need to let them in,
    /// read together.
    public func roomSnapshot(room id: RoomID, for user: UserRecord, since: Int64?,
                             now: Timestamp) async throws -> (facts: RoomFacts, entry: RoomEntry, replay: Replay) {
        try await writer.read { db in
            let room = try Self.room(db, id: id)
            let facts = try Self.facts(db, room: room, user: user)
            let host = facts.isHost
            let replay = try since.map { try Self.replay(db, topic: room.topic, since: $0) }
                ?? Replay(latestSeq: try Self.latestSeq(db, topic: room.topic), events: [])
            let polls = try PollID.fetchAll(db.cachedStatement(sql: "SELECT id FROM polls WHERE room_id = ? ORDER BY id"), arguments: [id])
                .map { try Self.poll(db, id: $0, viewer: user.id) }
            let entry = RoomEntry(room: room, chat: try Self.chatPage(db, room: id, before: nil, limit: 50).messages,
                                  questions: try Self.questions(db, room: id, viewer: user.id, includeHidden: host), polls: polls, isHost: host,
                                  mutedUntil: facts.standing.mutedUntil, breakout: try Self.runningBreakouts(db, parent: id, user: user.id))
            return (facts, entry, replay)
        }
    }

    // MARK: host actions

    public func moveRoom(_ id: RoomID, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState {
        try await writer.write { db in
            try Self.requireHost(db, user: user, room: id)
            let room = try Self.room(db, id: id)
            let state = try room.state.applying(action)
            try db.cachedStatement(sql: "UPDATE rooms SET state = ? WHERE id = ?").execute(arguments: [state.rawValue, id])
            let changed = DomainEvent.room(.stateChanged(roomId: id, sessionId: room.sessionId, state: state))
            _ = try self.append(db, topic: room.topic, changed, at: now)
            _ = try self.append(db, topic: .seminar, changed, at: now)
            return state
        }
    }

    /// Changes a room's settings (lock, a stream, the pinned message) and sends `room.updated`. `change` writes what
    /// differs and says whether anything did: setting what already is sends nothing.
    public func updateRoom(_ id: RoomID, by user: UserRecord, now: Timestamp,
                           change: @Sendable (Database, Room) throws -> Bool) async throws -> Room {
        try await writer.write { db in
            try Self.requireHost(db, user: user, room: id)
            guard try change(db, try Self.room(db, id: id)) else { return try Self.room(db, id: id) }
            let room = try Self.room(db, id: id)
            _ = try self.append(db, topic: room.topic, .room(.updated(room)), at: now)
            return room
        }
    }

    /// Locks or unlocks a room and sets its capacity (0: no limit); nil leaves a setting as it is.
    public func setAccess(_ id: RoomID, locked: Bool?, capacity: Int?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await updateRoom(id, by: user, now: now) { db, room in
            var changed = false
            if let locked, locked != room.locked {
                try db.cachedStatement(sql: "UPDATE rooms SET locked = ? WHERE id = ?").execute(arguments: [locked, id])
                changed = true
            }
            if let capacity, (capacity == 0 ? nil : capacity) != room.capacity {
                try db.cachedStatement(sql: "UPDATE rooms SET capacity = ? WHERE id = ?").execute(arguments: [capacity == 0 ? nil : capacity, id])
                changed = true
            }
            return changed
        }
    }

    public func setStream(_ id: RoomID, language: String, url: String?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await updateRoom(id, by: user, now: now) { db, room in
            guard room.streams[language] != url else { return false }
            var streams = room.streams
            streams[language] = url
            try db.cachedStatement(sql: "UPDATE rooms SET streams = ? WHERE id = ?").execute(arguments: [try Self.encode(streams), id])
            return true
        }
    }

    public func pin(_ id: RoomID, message: ChatMessageID?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await updateRoom(id, by: user, now: now) { db, room in
            if let message, try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM chat_messages WHERE id = ? AND room_id = ? AND deleted = 0"),
                                             arguments: [message, id]) == nil {
                throw DomainError(.notFound, "No such message in this room", field: "messageId")
            }
            guard room.pinnedMessageId != message else { return false }
            try db.cachedStatement(sql: "UPDATE rooms SET pinned_message_id = ? WHERE id = ?").execute(arguments: [message, id])
            return true
        }
    }

    public func mute(_ id: RoomID, user target: UserID, minutes: Int, by user: UserRecord, now: Timestamp) async throws -> Timestamp? {
        try await writer.write { db in
            try Self.requireHost(db, user: user, room: id)
            let room = try Self.room(db, id: id)
            try Self.requirePerson(db, target)
            let until = minutes == 0 ? nil : now.adding(seconds: Int64(minutes) * 60)
            try db.cachedStatement(sql: """
                INSERT INTO room_moderation(room_id, user_id, muted_until) VALUES (?, ?, ?)
                ON CONFLICT(room_id, user_id) DO UPDATE SET muted_until = excluded.muted_until
                """).execute(arguments: [id, target.rawValue, until?.milliseconds])
            _ = try self.append(db, topic: room.topic, .room(.muted(userId: target.rawValue, until: until)), at: now)
            return until
        }
    }

    public func removeFromRoom(_ id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp) async throws {
        try await writer.write { db in
            try Self.requireHost(db, user: user, room: id)
            let room = try Self.room(db, id: id)
            try Self.requirePerson(db, target)
            // Removed already: nothing changes, nobody is told again.
            if try Self.standing(db, user: target, room: id).removed { return }
            try db.cachedStatement(sql: """
                INSERT INTO room_moderation(room_id, user_id, removed) VALUES (?, ?, 1)
                ON CONFLICT(room_id, user_id) DO UPDATE SET removed = 1
                """).execute(arguments: [id, target.rawValue])
            _ = try self.append(db, topic: room.topic, .room(.removed(userId: target.rawValue)), at: now)
        }
    }

    /// A moderation target must be a person who exists (not a foreign-key failure deep in the write).
    static func requirePerson(_ db: Database, _ user: UserID) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?)"), arguments: [user.rawValue]) == true else {
            throw DomainError(.notFound, "No such person", field: "userId")
        }
    }

    // MARK: attendance

    public func recordJoin(room: RoomID, user: UserID, now: Timestamp) async throws -> Int64 {
        try await joinWrites.write { db in
            try db.cachedStatement(sql: "INSERT INTO attendance(room_id, user_id, joined_at) VALUES (?, ?, ?)").execute(
                           arguments: [room, user.rawValue, now.milliseconds])
            return db.lastInsertedRowID
        }
    }

    public func recordLeave(attendance id: Int64, now: Timestamp) async throws {
        try await joinWrites.write { db in
            try db.cachedStatement(sql: "UPDATE attendance SET left_at = ? WHERE id = ? AND left_at IS NULL").execute(arguments: [now.milliseconds, id])
        }
    }

    /// Join and leave times of a room, for reports.
    public func attendance(room: RoomID) async throws -> [(user: Int64, joined: Timestamp, left: Timestamp?)] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT user_id, joined_at, left_at FROM attendance WHERE room_id = ? ORDER BY id"), arguments: [room]).map { row in
                let left: Int64? = row["left_at"]
                return (row["user_id"], Timestamp(milliseconds: row["joined_at"]), left.map(Timestamp.init(milliseconds:)))
            }
        }
    }
}
