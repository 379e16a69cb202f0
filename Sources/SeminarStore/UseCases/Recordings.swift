import GRDB
import SeminarCore

/// One speaker's feed of a stage recording, made into a file a browser plays.
public struct RecordedFeed: Sendable, Equatable {
    public let speakerId: UserID?
    public let speaker: String
    /// `camera` or `screen`.
    public let kind: String
    /// The file, relative to the recordings folder.
    public let file: String
    public let mediaType: String
    public let bytes: Int64
    public let startedAt: Timestamp
    public let endedAt: Timestamp

    public init(speakerId: UserID?, speaker: String, kind: String, file: String, mediaType: String, bytes: Int64, startedAt: Timestamp,
                endedAt: Timestamp) {
        self.speakerId = speakerId
        self.speaker = speaker
        self.kind = kind
        self.file = file
        self.mediaType = mediaType
        self.bytes = bytes
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

/// Recordings of session rooms' stages, kept as replays for the sessions' pages.
extension AppDatabase {
    /// Stores the feeds of one recording of the room's stage as replays, and tells the seminar of each
    /// (`replay.added`), in one transaction. The room's session must still exist (a replay belongs to its page).
    @discardableResult
    public func addReplays(room id: RoomID, feeds: [RecordedFeed], recordedBy: UserID, now: Timestamp) async throws -> [SessionReplay] {
        try await writer.write { db in
            guard let session = try SessionID.fetchOne(db.cachedStatement(sql: "SELECT session_id FROM rooms WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "Room \(id) has no session to keep a replay on", field: "roomId")
            }
            return try feeds.map { feed in
                try db.cachedStatement(sql: """
                    INSERT INTO recordings(room_id, speaker_id, speaker, kind, file, media_type, bytes, started_at, ended_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [id, feed.speakerId?.rawValue, feed.speaker, feed.kind, feed.file, feed.mediaType, feed.bytes,
                                             feed.startedAt.milliseconds, feed.endedAt.milliseconds, recordedBy.rawValue])
                let replay = SessionReplay(id: ReplayID(db.lastInsertedRowID), roomId: id, sessionId: session, speaker: feed.speaker, kind: feed.kind,
                                    mediaType: feed.mediaType, startedAt: feed.startedAt, endedAt: feed.endedAt)
                _ = try self.append(db, topic: .seminar, .replayAdded(replay), at: now)
                return replay
            }
        }
    }

    /// The replays of session `id`, oldest first.
    static func replays(_ db: Database, session id: SessionID) throws -> [SessionReplay] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.* FROM recordings c JOIN rooms r ON r.id = c.room_id WHERE r.session_id = ? ORDER BY c.started_at, c.id
            """), arguments: [id]).map { row in
            SessionReplay(id: row["id"], roomId: row["room_id"], sessionId: id, speaker: row["speaker"], kind: row["kind"], mediaType: row["media_type"],
                   startedAt: Timestamp(milliseconds: row["started_at"]), endedAt: Timestamp(milliseconds: row["ended_at"]))
        }
    }

    /// A replay's file (relative to the recordings folder) and type; nil when there is no such replay.
    public func replayFile(id: ReplayID) async throws -> (file: String, mediaType: String)? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT file, media_type FROM recordings WHERE id = ?"), arguments: [id])
                .map { ($0["file"], $0["media_type"]) }
        }
    }
}
