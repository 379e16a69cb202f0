import Foundation
import GRDB
import SeminarCore

/// The public facts of the seminar, for its home page header.
public struct SeminarInfo: Codable, Sendable {
    public let name: LocalizedText
    public let tagline: LocalizedText
    public let timeZone: String
    public let startsAt: String
    public let endsAt: String

    public init(name: LocalizedText, tagline: LocalizedText, timeZone: String, startsAt: String, endsAt: String) {
        self.name = name
        self.tagline = tagline
        self.timeZone = timeZone
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

extension AppDatabase {
    /// Whether a program has been loaded.
    public func hasProgram() async throws -> Bool {
        try await writer.read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM seminar")) ?? 0 > 0 }
    }

    /// Loads `program`, in one transaction: tracks and sessions are matched by key and updated in place, so
    /// bookmarks, rooms and revisions survive a re-import; nothing is deleted.
    public func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp? = nil) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO seminar(id, name, tagline, time_zone, starts_at, ends_at) VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, time_zone = excluded.time_zone,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at
                """).execute(arguments: [try Self.encode(program.name), try Self.encode(program.tagline), program.timeZone,
                                 program.startsAt.milliseconds, program.endsAt.milliseconds])
            var trackIDs: [String: TrackID] = [:]
            for track in program.tracks {
                trackIDs[track.key] = try TrackID.fetchOne(db.cachedStatement(sql: """
                    INSERT INTO tracks(key, name) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name RETURNING id
                    """), arguments: [track.key, try Self.encode(track.name)])
            }
            if let channel = program.channel {
                let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM rooms WHERE kind = 'channel'"))
                let streams = try Self.encode(channel.stream.map { ["floor": $0] } ?? [:])
                let roomID: Int64
                if let existing {
                    try db.cachedStatement(sql: "UPDATE rooms SET name = ?, streams = ? WHERE id = ?").execute(arguments: [try Self.encode(channel.name), streams, existing])
                    roomID = existing
                } else {
                    try db.cachedStatement(sql: "INSERT INTO rooms(kind, state, name, streams) VALUES ('channel', 'live', ?, ?)").execute(
                                   arguments: [try Self.encode(channel.name), streams])
                    roomID = db.lastInsertedRowID
                }
                try db.cachedStatement(sql: "DELETE FROM channel_programmes WHERE room_id = ?").execute(arguments: [roomID])
                for programme in channel.programmes {
                    try db.cachedStatement(sql: "INSERT INTO channel_programmes(room_id, starts_at, ends_at, title) VALUES (?, ?, ?, ?)").execute(
                                   arguments: [roomID, programme.startsAt.milliseconds, programme.endsAt.milliseconds, try Self.encode(programme.title)])
                }
            }
            for session in program.sessions {
                let id = try SessionID.fetchOne(db.cachedStatement(sql: """
                    INSERT INTO sessions(key, track_id, starts_at, ends_at, title, description, details) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET track_id = excluded.track_id, starts_at = excluded.starts_at,
                        ends_at = excluded.ends_at, title = excluded.title, description = excluded.description, details = excluded.details
                    RETURNING id
                    """), arguments: [session.key, session.track.flatMap { trackIDs[$0] }, session.startsAt.milliseconds,
                                     session.endsAt.milliseconds, try Self.encode(session.title), try Self.encode(session.description),
                                     try Self.encode(session.details)])
                // A new room starts scheduled; the demo opens the rooms of the sessions on now, so a newcomer finds one live.
                let state = liveNow.map { session.startsAt <= $0 && $0 < session.endsAt } == true ? "live" : "scheduled"
                try db.cachedStatement(sql: """
                    INSERT INTO rooms(session_id, kind, state) VALUES (?, 'session', ?) ON CONFLICT(session_id) DO NOTHING
                    """).execute(arguments: [id, state])
            }
        }
    }

    public func seminarInfo() async throws -> SeminarInfo? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM seminar WHERE id = 1")) else { return nil }
            return SeminarInfo(
                name: try Self.decode(row["name"]), tagline: try Self.decode(row["tagline"]), timeZone: row["time_zone"],
                startsAt: Timestamp(milliseconds: row["starts_at"]).iso8601, endsAt: Timestamp(milliseconds: row["ends_at"]).iso8601)
        }
    }

    /// The channel, with what is on now and next.
    static func channel(_ db: Database, now: Timestamp) throws -> SeminarChannel? {
        guard let room = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, streams FROM rooms WHERE kind = 'channel' LIMIT 1")) else { return nil }
        let roomID: RoomID = room["id"]
        func programme(_ row: Row?) throws -> SeminarChannel.Programme? {
            guard let row else { return nil }
            return SeminarChannel.Programme(title: try decode(row["title"]), startsAt: Timestamp(milliseconds: row["starts_at"]),
                                     endsAt: Timestamp(milliseconds: row["ends_at"]))
        }
        let current = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM channel_programmes WHERE room_id = ? AND starts_at <= ? AND ends_at > ? ORDER BY starts_at LIMIT 1
            """), arguments: [roomID, now.milliseconds, now.milliseconds])
        let next = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM channel_programmes WHERE room_id = ? AND starts_at > ? ORDER BY starts_at LIMIT 1"),
                                    arguments: [roomID, now.milliseconds])
        return SeminarChannel(roomId: roomID, name: try decode(room["name"]), streams: try decode(room["streams"]),
                           now: try programme(current), next: try programme(next))
    }

    static func liveSessions(_ db: Database, now: Timestamp) throws -> [LiveSession] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.id, s.title, s.starts_at, s.ends_at, r.id AS room_id FROM sessions s JOIN rooms r ON r.session_id = s.id
            WHERE r.state = 'live' ORDER BY s.starts_at
            """)).map { row in
            LiveSession(sessionId: row["id"], roomId: row["room_id"], title: try decode(row["title"]),
                        startsAt: Timestamp(milliseconds: row["starts_at"]), endsAt: Timestamp(milliseconds: row["ends_at"]))
        }
    }
}
