import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The stage's durable part in PostgreSQL (the cluster's ``StageStore``): who is invited on a room's stage, and the
/// recordings kept as the session's replays. The handed-in rule decides on facts read in the same transaction.
public final class PostgresStage: StageStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    public func stageFacts(room id: RoomID, for user: UserRecord) async throws -> (facts: RoomFacts, invited: Bool) {
        let logger = logger
        return try await context.read { connection in
            let room = try await PostgresRooms.room(id, on: connection, logger: logger)
            return (try await PostgresRooms.facts(room, for: user, on: connection, logger: logger),
                    try await Self.isInvited(user.id, room: id, on: connection, logger: logger))
        }
    }

    /// Invites `target` on the room's stage (again: nothing changes). The room's row is locked, so the count `decide`
    /// sees stays true until the invitation is written.
    public func inviteToStage(room id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp,
                              decide: @Sendable (RoomFacts, Int, Bool) throws -> Void) async throws {
        let logger = logger
        try await context.write { connection, _ in
            let room = try await PostgresRooms.room(id, lockedOn: connection, logger: logger)
            let invited = try await connection.value("SELECT COUNT(*) FROM stage_invitations WHERE room_id = \(id)", as: Int.self, logger: logger) ?? 0
            let already = try await Self.isInvited(target, room: id, on: connection, logger: logger)
            try decide(try await PostgresRooms.facts(room, for: user, on: connection, logger: logger), invited, already)
            _ = try await PostgresPeople.person(target.rawValue, on: connection, logger: logger)
            if already { return }
            try await connection.query("""
                INSERT INTO stage_invitations(room_id, user_id, invited_by, invited_at) VALUES (\(id), \(target), \(user.id), \(now.milliseconds))
                """, logger: logger)
        }
    }

    public func removeFromStage(room id: RoomID, user target: UserID, by user: UserRecord, decide: @Sendable (RoomFacts) throws -> Void) async throws {
        let logger = logger
        try await context.write { connection, _ in
            let room = try await PostgresRooms.room(id, on: connection, logger: logger)
            try decide(try await PostgresRooms.facts(room, for: user, on: connection, logger: logger))
            _ = try await PostgresPeople.person(target.rawValue, on: connection, logger: logger)
            try await connection.query("DELETE FROM stage_invitations WHERE room_id = \(id) AND user_id = \(target)", logger: logger)
        }
    }

    public func stageSpeakers(room id: RoomID) async throws -> [StageSpeaker] {
        let logger = logger
        return try await context.read { connection in
            var speakers: [StageSpeaker] = []
            for try await (user, name) in try await connection.query("""
                SELECT i.user_id, u.display_name FROM stage_invitations i JOIN users u ON u.id = i.user_id
                WHERE i.room_id = \(id) ORDER BY i.invited_at, i.user_id
                """, logger: logger).decode((UserID, String).self) {
                speakers.append(StageSpeaker(userId: user, displayName: name))
            }
            return speakers
        }
    }

    static func isInvited(_ user: UserID, room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.exists("SELECT 1 FROM stage_invitations WHERE room_id = \(room) AND user_id = \(user)", logger: logger)
    }

    // MARK: recordings

    /// Stores the feeds of one recording of the room's stage as replays, and tells the seminar of each (`replay.added`).
    @discardableResult
    public func addReplays(room id: RoomID, feeds: [RecordedFeed], recordedBy: UserID, now: Timestamp) async throws -> [SessionReplay] {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            guard let session = try await connection.value("SELECT session_id FROM rooms WHERE id = \(id)", as: SessionID?.self, logger: logger) ?? nil
            else { throw DomainError(.notFound, "Room \(id) has no session to keep a replay on", field: "roomId") }
            var replays: [SessionReplay] = []
            for feed in feeds {
                guard let replayID = try await connection.value("""
                    INSERT INTO recordings(room_id, speaker_id, speaker, kind, file, media_type, bytes, started_at, ended_at, recorded_by)
                    VALUES (\(id), \(feed.speakerId), \(feed.speaker), \(feed.kind), \(feed.file), \(feed.mediaType), \(feed.bytes),
                            \(feed.startedAt.milliseconds), \(feed.endedAt.milliseconds), \(recordedBy))
                    RETURNING id
                    """, as: ReplayID.self, logger: logger)
                else { throw DomainError(.internal, "a replay was not stored") }
                let replay = SessionReplay(id: replayID, roomId: id, sessionId: session, speaker: feed.speaker, kind: feed.kind, mediaType: feed.mediaType,
                                           startedAt: feed.startedAt, endedAt: feed.endedAt)
                appended.append(try await context.append(.replayAdded(replay), to: .seminar, at: now, on: connection))
                replays.append(replay)
            }
            return replays
        }
    }

    /// A replay's file (relative to the recordings folder) and type; nil when there is no such replay.
    public func replayFile(id: ReplayID) async throws -> (file: String, mediaType: String)? {
        let logger = logger
        return try await context.read { connection in
            var found: (file: String, mediaType: String)?
            for try await row in try await connection.query("SELECT file, media_type FROM recordings WHERE id = \(id)", logger: logger)
                .decode((String, String).self) {
                found = row
            }
            return found
        }
    }
}
