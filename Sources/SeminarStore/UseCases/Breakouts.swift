import GRDB
import SeminarCore

extension AppDatabase {
    /// Opens one live room per group under `parent`; each member gets `breakout.assigned` on their topic.
    public func startBreakouts(parent id: RoomID, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup] {
        try await writer.write { db in
            try Self.requireHost(db, user: host, room: id)
            let parent = try Self.room(db, id: id)
            let running = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM rooms WHERE parent_room_id = ? AND state != 'ended'"), arguments: [id]) != nil
            try BreakoutPlan.mayStart(roomKind: parent.kind, running: running, groups: groups.count)
            let endsAt = now.adding(seconds: Int64(minutes) * 60)
            var assignments: [BreakoutGroup] = []
            for (index, members) in groups.enumerated() {
                let name = LocalizedText(fr: "Groupe \(index + 1)", en: "Group \(index + 1)", es: "Grupo \(index + 1)")
                try db.cachedStatement(sql: "INSERT INTO rooms(kind, state, parent_room_id, name, ends_at) VALUES ('breakout', 'live', ?, ?, ?)").execute(
                               arguments: [id, try Self.encode(name), endsAt.milliseconds])
                let roomID = RoomID(db.lastInsertedRowID)
                var authors: [Author] = []
                for member in members {
                    try db.cachedStatement(sql: "INSERT INTO breakout_members(room_id, user_id) VALUES (?, ?)").execute(arguments: [roomID, member.rawValue])
                    let name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [member.rawValue]) ?? ""
                    authors.append(Author(id: member, displayName: name))
                }
                let assignment = BreakoutGroup(roomId: roomID, parentRoomId: id, group: index + 1, endsAt: endsAt, members: authors)
                assignments.append(assignment)
                for member in members {
                    _ = try self.append(db, topic: .user(member), .room(.breakoutAssigned(assignment)), at: now)
                }
            }
            _ = try self.append(db, topic: parent.topic, .room(.breakoutsStarted(groups: assignments.count, endsAt: endsAt)), at: now)
            return assignments
        }
    }

    /// Ends the running breakouts of `parent` (by a host, or by the clock when `host` is nil): everyone is sent back.
    /// The groups' rooms that ended (their live parts, such as the stage's feeds, end with them).
    @discardableResult
    public func endBreakouts(parent id: RoomID, by host: UserRecord?, now: Timestamp) async throws -> [RoomID] {
        try await writer.write { db in
            if let host { try Self.requireHost(db, user: host, room: id) }
            return try Self.endBreakouts(db, parent: id, now: now, append: self.append)
        }
    }

    /// Ends every breakout whose time is up (called by the server's timer): the groups' rooms that ended.
    @discardableResult
    public func endExpiredBreakouts(now: Timestamp) async throws -> [RoomID] {
        try await writer.write { db in
            let parents = try RoomID.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT parent_room_id FROM rooms WHERE kind = 'breakout' AND state != 'ended' AND ends_at <= ?
                """), arguments: [now.milliseconds])
            return try parents.flatMap { parent in try Self.endBreakouts(db, parent: parent, now: now, append: self.append) }
        }
    }

    /// The groups running under `parent` now (nil when none), and `user`'s own: what a room's snapshot says of them.
    static func runningBreakouts(_ db: Database, parent id: RoomID, user: UserID) throws -> RunningBreakouts? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) AS groups, MAX(ends_at) AS ends_at FROM rooms WHERE parent_room_id = ? AND state != 'ended'
            """), arguments: [id]),
            let groups: Int = row["groups"], groups > 0, let endsAt: Int64 = row["ends_at"] else { return nil }
        let yours = try RoomID.fetchOne(db.cachedStatement(sql: """
            SELECT b.room_id FROM breakout_members b JOIN rooms r ON r.id = b.room_id
            WHERE r.parent_room_id = ? AND r.state != 'ended' AND b.user_id = ?
            """), arguments: [id, user.rawValue])
        return RunningBreakouts(groups: groups, endsAt: Timestamp(milliseconds: endsAt), yourRoomId: yours)
    }

    /// Each group's room ends (`room.state` on its topic: the people in it see it end and go back to the main
    /// room), its members get `breakout.ended` on their own topic, and the main room is told. The groups' rooms.
    private static func endBreakouts(
        _ db: Database, parent id: RoomID, now: Timestamp,
        append: (Database, Topic, DomainEvent, Timestamp) throws -> StoredEvent
    ) throws -> [RoomID] {
        let rooms = try RoomID.fetchAll(db.cachedStatement(sql: "SELECT id FROM rooms WHERE parent_room_id = ? AND state != 'ended'"), arguments: [id])
        try BreakoutPlan.mayEnd(running: rooms.count)
        for room in rooms {
            try db.cachedStatement(sql: "UPDATE rooms SET state = 'ended' WHERE id = ?").execute(arguments: [room])
            _ = try append(db, .room(room), .room(.stateChanged(roomId: room, sessionId: nil, state: .ended)), now)
            for member in try Int64.fetchAll(db.cachedStatement(sql: "SELECT user_id FROM breakout_members WHERE room_id = ?"), arguments: [room]) {
                _ = try append(db, .user(UserID(member)), .room(.breakoutsEnded(parentRoomId: id)), now)
            }
        }
        _ = try append(db, .room(id), .room(.breakoutsEnded(parentRoomId: id)), now)
        return rooms
    }
}
