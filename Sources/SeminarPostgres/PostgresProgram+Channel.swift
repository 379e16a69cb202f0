import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// What is on now, read inside a transaction: the sessions live, the all-week channel with its programme, the `seminar`
/// topic's state.
extension PostgresProgram {
    static func liveSessions(on connection: PostgresConnection, logger: Logger) async throws -> [LiveSession] {
        var live: [LiveSession] = []
        for try await (id, title, startsAt, endsAt, room) in try await connection.query("""
            SELECT s.id, s.title, s.starts_at, s.ends_at, r.id FROM sessions s JOIN rooms r ON r.session_id = s.id
            WHERE r.state = 'live' ORDER BY s.starts_at, s.id
            """, logger: logger).decode((SessionID, String, Int64, Int64, RoomID).self) {
            live.append(LiveSession(sessionId: id, roomId: room, title: try ColumnJSON.decode(title), startsAt: Timestamp(milliseconds: startsAt),
                                    endsAt: Timestamp(milliseconds: endsAt)))
        }
        return live
    }

    /// The channel, with what is on now and next.
    static func channel(now: Timestamp, on connection: PostgresConnection, logger: Logger) async throws -> SeminarChannel? {
        var found: (id: RoomID, name: String?, streams: String)?
        for try await (id, name, streams) in try await connection.query("SELECT id, name, streams FROM rooms WHERE kind = 'channel' ORDER BY id LIMIT 1",
                                                                         logger: logger).decode((RoomID, String?, String).self) {
            found = (id, name, streams)
        }
        guard let room = found else { return nil }
        func programme(_ query: PostgresQuery) async throws -> SeminarChannel.Programme? {
            var programme: SeminarChannel.Programme?
            for try await (title, startsAt, endsAt) in try await connection.query(query, logger: logger).decode((String, Int64, Int64).self) {
                programme = SeminarChannel.Programme(title: try ColumnJSON.decode(title), startsAt: Timestamp(milliseconds: startsAt),
                                                     endsAt: Timestamp(milliseconds: endsAt))
            }
            return programme
        }
        let current = try await programme("""
            SELECT title, starts_at, ends_at FROM channel_programmes WHERE room_id = \(room.id) AND starts_at <= \(now.milliseconds)
            AND ends_at > \(now.milliseconds) ORDER BY starts_at LIMIT 1
            """)
        let next = try await programme("""
            SELECT title, starts_at, ends_at FROM channel_programmes WHERE room_id = \(room.id) AND starts_at > \(now.milliseconds)
            ORDER BY starts_at LIMIT 1
            """)
        return SeminarChannel(roomId: room.id, name: try ColumnJSON.decode(room.name ?? "{}"), streams: try ColumnJSON.decode(room.streams),
                              now: current, next: next)
    }

    /// The `seminar` topic's state: the latest announcements still showing (oldest first) and what is on now.
    static func seminarState(now: Timestamp, limit: Int = 20, on connection: PostgresConnection, logger: Logger) async throws -> SeminarState {
        var announcements: [Announcement] = []
        for try await (id, seq, text, level, lang, authorID, authorName, createdAt, expiresAt, publishAt) in try await connection.query("""
            SELECT a.id, a.seq, a.text, a.level, a.lang, a.author_id, u.display_name, a.created_at, a.expires_at, a.publish_at
            FROM announcements a JOIN users u ON u.id = a.author_id
            WHERE a.seq > 0 AND (a.expires_at IS NULL OR a.expires_at > \(now.milliseconds)) ORDER BY a.seq DESC LIMIT \(limit)
            """, logger: logger).decode((AnnouncementID, Int64, String, String, String?, Int64, String, Int64, Int64?, Int64?).self) {
            announcements.append(Announcement(id: id, seq: seq, text: text, level: level, author: Author(id: UserID(authorID), displayName: authorName),
                                              at: Timestamp(milliseconds: createdAt), publishAt: publishAt.map(Timestamp.init(milliseconds:)),
                                              expiresAt: expiresAt.map(Timestamp.init(milliseconds:)), lang: lang.flatMap(Language.init(rawValue:))))
        }
        return SeminarState(announcements: announcements.reversed(), live: try await liveSessions(on: connection, logger: logger),
                            channel: try await channel(now: now, on: connection, logger: logger))
    }
}
