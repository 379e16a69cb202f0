import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Breakout groups in PostgreSQL: rooms under a main room, each with its members. Starting and ending lock the main
/// room's row, so two hosts acting at once (on two nodes) act one after the other (``BreakoutPlan``).
extension PostgresRooms {
    /// Opens one live room per group under `parent`; each member gets `breakout.assigned` on their topic.
    public func startBreakouts(parent id: RoomID, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup] {
        let logger = logger
        return try await context.write { connection, appended in
            try RoomHosting.require(isHost: try await Self.isHost(host, room: id, on: connection, logger: logger))
            let parent = try await Self.room(id, lockedOn: connection, logger: logger)
            let running = try await connection.exists("SELECT 1 FROM rooms WHERE parent_room_id = \(id) AND state <> 'ended'", logger: logger)
            try BreakoutPlan.mayStart(roomKind: parent.kind, running: running, groups: groups.count)
            let endsAt = now.adding(seconds: Int64(minutes) * 60)
            var assignments: [BreakoutGroup] = []
            for (index, members) in groups.enumerated() {
                let name = LocalizedText(fr: "Groupe \(index + 1)", en: "Group \(index + 1)", es: "Grupo \(index + 1)")
                guard let roomID = try await connection.value("""
                    INSERT INTO rooms(kind, state, parent_room_id, name, ends_at) VALUES ('breakout', 'live', \(id), \(try ColumnJSON.encode(name)),
                        \(endsAt.milliseconds))
                    RETURNING id
                    """, as: RoomID.self, logger: logger)
                else { throw DomainError(.internal, "a breakout room was not stored") }
                var authors: [Author] = []
                for member in members {
                    try await connection.query("INSERT INTO breakout_members(room_id, user_id) VALUES (\(roomID), \(member.rawValue))", logger: logger)
                    let name = try await connection.value("SELECT display_name FROM users WHERE id = \(member.rawValue)", as: String.self, logger: logger)
                    authors.append(Author(id: member, displayName: name ?? ""))
                }
                let assignment = BreakoutGroup(roomId: roomID, parentRoomId: id, group: index + 1, endsAt: endsAt, members: authors)
                assignments.append(assignment)
                for member in members {
                    appended.append(try await append(.breakoutAssigned(assignment), to: .user(member), at: now, on: connection))
                }
            }
            appended.append(try await append(.breakoutsStarted(groups: assignments.count, endsAt: endsAt), to: parent.topic, at: now, on: connection))
            return assignments
        }
    }

    /// Ends the running breakouts of `parent` (by a host, or by the clock when `host` is nil): each group's room ends
    /// (`room.state` on its topic), its members get `breakout.ended` on their own topic, and the main room is told.
    @discardableResult
    public func endBreakouts(parent id: RoomID, by host: UserRecord?, now: Timestamp) async throws -> [RoomID] {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            if let host { try RoomHosting.require(isHost: try await Self.isHost(host, room: id, on: connection, logger: logger)) }
            return try await Self.endBreakouts(parent: id, now: now, context: context, on: connection, appended: &appended)
        }
    }

    /// Ends every breakout whose time is up (the clock's work, on whichever node runs it): the groups' rooms that ended. Two
    /// nodes at once end each group once (the main rooms' rows are locked in turn, and an ended group is not running).
    @discardableResult
    public func endExpiredBreakouts(now: Timestamp) async throws -> [RoomID] {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            var ended: [RoomID] = []
            for parent in try await connection.values("""
                SELECT DISTINCT parent_room_id FROM rooms WHERE kind = 'breakout' AND state <> 'ended' AND ends_at <= \(now.milliseconds) ORDER BY 1
                """, as: RoomID.self, logger: logger) {
                ended += try await Self.endBreakouts(parent: parent, now: now, context: context, on: connection, appended: &appended, ifRunning: true)
            }
            return ended
        }
    }

    /// `ifRunning`: the clock's call, which finds nothing to end when another node ended the groups first.
    private static func endBreakouts(parent id: RoomID, now: Timestamp, context: AggregateContext, on connection: PostgresConnection,
                                     appended: inout [StoredEvent], ifRunning: Bool = false) async throws -> [RoomID] {
        let logger = context.logger
        _ = try await room(id, lockedOn: connection, logger: logger)
        let rooms = try await connection.values("SELECT id FROM rooms WHERE parent_room_id = \(id) AND state <> 'ended' ORDER BY id",
                                                as: RoomID.self, logger: logger)
        if ifRunning, rooms.isEmpty { return [] }
        try BreakoutPlan.mayEnd(running: rooms.count)
        for room in rooms {
            try await connection.query("UPDATE rooms SET state = 'ended' WHERE id = \(room)", logger: logger)
            appended.append(try await context.append(.room(.stateChanged(roomId: room, sessionId: nil, state: .ended)), to: .room(room), at: now,
                                                     on: connection))
            for member in try await connection.values("SELECT user_id FROM breakout_members WHERE room_id = \(room) ORDER BY user_id",
                                                      as: UserID.self, logger: logger) {
                appended.append(try await context.append(.room(.breakoutsEnded(parentRoomId: id)), to: .user(member), at: now, on: connection))
            }
        }
        appended.append(try await context.append(.room(.breakoutsEnded(parentRoomId: id)), to: .room(id), at: now, on: connection))
        return rooms
    }
}
