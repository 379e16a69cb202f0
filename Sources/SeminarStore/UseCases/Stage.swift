import GRDB
import SeminarCore

/// Someone a room's hosts invited on its stage.
public struct StageSpeaker: Sendable, Equatable {
    public let userId: UserID
    public let displayName: String

    public init(userId: UserID, displayName: String) {
        self.userId = userId
        self.displayName = displayName
    }
}

/// The stage's durable part: invitations. Each use case reads the facts, has the handed-in rule decide on them, and
/// writes in the same transaction, so nothing changes between the decision and the write.
extension AppDatabase {
    /// The room's facts and whether `user` is invited on its stage, with how many people are.
    public func stageFacts(room id: RoomID, for user: UserRecord) async throws -> (facts: RoomFacts, invited: Bool) {
        try await writer.read { db in
            let room = try Self.room(db, id: id)
            return (try Self.facts(db, room: room, user: user), try Self.isInvited(db, room: id, user: user.id))
        }
    }

    /// Invites `target` on the room's stage (again: nothing changes). `decide` gets the host's facts, the number of
    /// people invited and whether the target is one.
    public func inviteToStage(room id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp,
                              decide: @Sendable (RoomFacts, Int, Bool) throws -> Void) async throws {
        try await writer.write { db in
            let room = try Self.room(db, id: id)
            let invited = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM stage_invitations WHERE room_id = ?"), arguments: [id]) ?? 0
            let already = try Self.isInvited(db, room: id, user: target)
            try decide(try Self.facts(db, room: room, user: user), invited, already)
            try Self.requirePerson(db, target)
            if already { return }
            try db.cachedStatement(sql: "INSERT INTO stage_invitations(room_id, user_id, invited_by, invited_at) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, target.rawValue, user.id.rawValue, now.milliseconds])
        }
    }

    /// Takes `target` off the room's stage: their invitation goes (their feeds are ended by the caller).
    public func removeFromStage(room id: RoomID, user target: UserID, by user: UserRecord, decide: @Sendable (RoomFacts) throws -> Void) async throws {
        try await writer.write { db in
            let room = try Self.room(db, id: id)
            try decide(try Self.facts(db, room: room, user: user))
            try Self.requirePerson(db, target)
            try db.cachedStatement(sql: "DELETE FROM stage_invitations WHERE room_id = ? AND user_id = ?").execute(arguments: [id, target.rawValue])
        }
    }

    /// The people invited on the room's stage, in the order they were invited.
    public func stageSpeakers(room id: RoomID) async throws -> [StageSpeaker] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT i.user_id, u.display_name FROM stage_invitations i JOIN users u ON u.id = i.user_id
                WHERE i.room_id = ? ORDER BY i.invited_at, i.user_id
                """), arguments: [id]).map { StageSpeaker(userId: UserID($0["user_id"]), displayName: $0["display_name"]) }
        }
    }

    static func isInvited(_ db: Database, room: RoomID, user: UserID) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM stage_invitations WHERE room_id = ? AND user_id = ?"),
                         arguments: [room, user.rawValue]) != nil
    }
}
