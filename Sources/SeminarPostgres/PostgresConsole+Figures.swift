import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The dashboard's figures from the database (who is online now comes from the hub).
extension PostgresConsole {
    public func adminFigures(dayStart: Timestamp, now: Timestamp) async throws -> SeminarFigures {
        let logger = logger
        return try await context.read { connection in
            let count = { (query: PostgresQuery) in try await connection.value(query, as: Int.self, logger: logger) ?? 0 }
            var roomRows: [(RoomID, SessionID?, String, String?)] = []
            for try await row in try await connection.query("""
                SELECT r.id, r.session_id, r.state, COALESCE(s.title, r.name) FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id
                WHERE r.kind IN ('session', 'channel')
                  AND (r.state IN ('open', 'live') OR EXISTS (SELECT 1 FROM attendance a WHERE a.room_id = r.id))
                ORDER BY r.state = 'live' DESC, r.id
                """, logger: logger).decode((RoomID, SessionID?, String, String?).self) {
                roomRows.append(row)
            }
            var rooms: [SeminarFigures.Room] = []
            for (id, session, state, title) in roomRows {
                rooms.append(SeminarFigures.Room(roomId: id, sessionId: session, title: (try? ColumnJSON.decode(title ?? "{}")) ?? LocalizedText(),
                                                 state: state, peak: try await Self.peakAttendance(room: id, on: connection, logger: logger)))
            }
            var meetings = (booked: 0, cancelled: 0, held: 0, noShow: 0)
            for try await row in try await connection.query("""
                SELECT COUNT(*) FILTER (WHERE m.status = 'booked'), COUNT(*) FILTER (WHERE m.status = 'cancelled'),
                       COUNT(*) FILTER (WHERE m.status = 'booked' AND m.a_checked_in AND m.b_checked_in),
                       COUNT(*) FILTER (WHERE m.status = 'booked' AND s.ends_at < \(now.milliseconds) AND NOT (m.a_checked_in AND m.b_checked_in))
                FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id
                """, logger: logger).decode((Int, Int, Int, Int).self) {
                meetings = row
            }
            return SeminarFigures(
                onlineToday: try await count("SELECT COUNT(*) FROM users WHERE last_seen_at >= \(dayStart.milliseconds)"),
                registered: try await count("SELECT COUNT(*) FROM users"),
                rooms: rooms,
                desk: SeminarFigures.Desk(waiting: try await count("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'"),
                                          claimed: try await count("SELECT COUNT(*) FROM tickets WHERE state = 'claimed'"),
                                          resolvedToday: try await count("""
                                              SELECT COUNT(*) FROM tickets WHERE state = 'resolved' AND resolved_at >= \(dayStart.milliseconds)
                                              """)),
                meetings: SeminarFigures.Meetings(requested: try await count("SELECT COUNT(*) FROM meeting_requests"), accepted: meetings.booked,
                                                  held: meetings.held, cancelled: meetings.cancelled, noShow: meetings.noShow),
                messagesPerMinute: try await Self.messagesPerMinute(now: now, on: connection, logger: logger))
        }
    }

    /// The most people in a room at once, from the join and leave times (each person once, whatever their tabs).
    static func peakAttendance(room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var visits: [Headcount.Visit] = []
        for try await (id, user, joined, left) in try await connection.query("""
            SELECT id, user_id, joined_at, left_at FROM attendance WHERE room_id = \(room)
            """, logger: logger).decode((VisitID, UserID, Int64, Int64?).self) {
            visits.append(Headcount.Visit(id: id, person: user, joinedAt: joined, leftAt: left))
        }
        return Headcount.peak(of: visits)
    }

    /// Chat messages, questions, DMs and desk messages per minute over the last hour (60 entries, oldest first).
    static func messagesPerMinute(now: Timestamp, on connection: PostgresConnection, logger: Logger) async throws -> [SeminarFigures.Minute] {
        let end = now.milliseconds - now.milliseconds % 60_000 + 60_000
        let start = end - 60 * 60_000
        var counts = [Int](repeating: 0, count: 60)
        for table in ["chat_messages", "questions", "direct_messages", "ticket_messages"] {
            for try await (minute, n) in try await connection.query("""
                SELECT (at - \(start)) / 60000 AS minute, COUNT(*) FROM \(unescaped: table) WHERE at >= \(start) AND at < \(end) GROUP BY minute
                """, logger: logger).decode((Int, Int).self) where (0..<60).contains(minute) {
                counts[minute] += n
            }
        }
        return counts.enumerated().map { SeminarFigures.Minute(start: Timestamp(milliseconds: start + Int64($0.offset) * 60_000), count: $0.element) }
    }
}
