import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// A person's agenda seen from outside the program, in PostgreSQL (the cluster's ``AgendaStore``): the guide, the
/// calendar feed, and reminders — each sent once per person however many nodes' clocks find it due at once (the
/// insert into `reminders_sent` decides, by its primary key).
extension PostgresProgram: AgendaStore {
    public func guide(for user: UserID, now: Timestamp) async throws -> GuideRead {
        let logger = logger
        return try await context.read { connection in
            let bookmarks = Set(try await connection.values("SELECT session_id FROM agenda_items WHERE user_id = \(user.rawValue)", as: SessionID.self,
                                                            logger: logger))
            func summaries(_ tail: String, _ binds: [Int64]) async throws -> [ProgramSession] {
                var query = PostgresQuery(unsafeSQL: Self.sessionSelect + tail)
                for bind in binds { try query.binds.append(bind, context: .default) }
                return try await Self.sessions(query, on: connection, logger: logger)
            }
            let live = try await summaries(" WHERE r.state = 'live' ORDER BY s.starts_at, s.id", [])
            // A session started early is live, not coming up: it shows once, under "live now".
            let next = try await summaries(" WHERE s.starts_at > $1 AND COALESCE(r.state, 'scheduled') NOT IN ('ended', 'live') ORDER BY s.starts_at, s.id LIMIT 5",
                                           [now.milliseconds])
            let yours = try await summaries("""
                 JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = $1 AND s.ends_at > $2
                 AND COALESCE(r.state, 'scheduled') != 'ended' ORDER BY s.starts_at, s.id LIMIT 1
                """, [user.rawValue, now.milliseconds]).first
            let meeting = try await Self.bookedMeetings(of: user, on: connection, logger: logger).first { $0.slot.endsAt > now }
            return GuideRead(
                live: live, next: next, yourSession: yours, yourMeeting: meeting,
                channel: try await Self.channel(now: now, on: connection, logger: logger),
                timeZone: try await connection.value("SELECT time_zone FROM seminar WHERE id = 1", as: String.self, logger: logger) ?? "UTC",
                waiting: try await connection.value("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'", as: Int.self, logger: logger) ?? 0,
                bookmarks: bookmarks)
        }
    }

    public func calendarEvents(for user: UserID, language: Language, baseURL: String) async throws -> (name: String, timeZone: String, events: [CalendarEvent]) {
        let info = try await seminarInfo()
        let logger = logger
        let (sessions, meetings) = try await context.read { connection in
            var query = PostgresQuery(unsafeSQL: Self.sessionSelect + " JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = $1 ORDER BY s.starts_at, s.id")
            try query.binds.append(user.rawValue, context: .default)
            return (try await Self.sessions(query, on: connection, logger: logger), try await Self.bookedMeetings(of: user, on: connection, logger: logger))
        }
        let events = AgendaFeed.events(sessions: sessions, meetings: meetings, language: language, baseURL: baseURL)
        return (info?.name.resolved(language)?.text ?? "Seminar", info?.timeZone ?? "UTC", events)
    }

    @discardableResult
    public func sendDueReminders(now: Timestamp, lead: Int64) async throws -> Int {
        let (logger, context) = (logger, context)
        let until = now.milliseconds + lead * 1000
        return try await context.write { connection, appended in
            // Rows are read whole before the next query on this connection.
            var sessions: [(user: UserID, session: SessionID, title: String, startsAt: Int64, room: RoomID?)] = []
            for try await (user, session, title, startsAt, room) in try await connection.query("""
                WITH due AS (
                    SELECT a.user_id, s.id AS session_id, s.starts_at FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                    WHERE s.starts_at > \(now.milliseconds) AND s.starts_at <= \(until)
                ), marked AS (
                    INSERT INTO reminders_sent(user_id, session_id, starts_at) SELECT user_id, session_id, starts_at FROM due
                    ON CONFLICT DO NOTHING RETURNING user_id, session_id, starts_at
                )
                SELECT m.user_id, m.session_id, s.title, m.starts_at, r.id FROM marked m JOIN sessions s ON s.id = m.session_id
                LEFT JOIN rooms r ON r.session_id = s.id ORDER BY m.starts_at, m.session_id, m.user_id
                """, logger: logger).decode((Int64, SessionID, String, Int64, RoomID?).self) {
                sessions.append((UserID(user), session, title, startsAt, room))
            }
            for due in sessions {
                let reminder = SessionReminder(sessionId: due.session, roomId: due.room, title: try ColumnJSON.decode(due.title),
                                               startsAt: Timestamp(milliseconds: due.startsAt))
                appended.append(try await context.append(.sessionReminder(reminder), to: .user(due.user), at: now, on: connection))
            }
            // Meetings: both people, once each.
            var meetings: [(meeting: MeetingID, person: Int64)] = []
            for try await (meeting, person) in try await connection.query("""
                INSERT INTO meeting_reminders_sent(meeting_id, user_id)
                SELECT m.id, p.person FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id CROSS JOIN LATERAL (VALUES (m.a_id), (m.b_id)) AS p(person)
                WHERE m.status = 'booked' AND s.starts_at > \(now.milliseconds) AND s.starts_at <= \(until)
                ON CONFLICT DO NOTHING RETURNING meeting_id, user_id
                """, logger: logger).decode((MeetingID, Int64).self) {
                meetings.append((meeting, person))
            }
            for due in meetings.sorted(by: { ($0.meeting, $0.person) < ($1.meeting, $1.person) }) {
                let booked = try await PostgresMeetings.meeting(due.meeting, for: due.person, on: connection, logger: logger)
                appended.append(try await context.append(.meeting(.reminder(booked)), to: .user(UserID(due.person)), at: now, on: connection))
            }
            return sessions.count + meetings.count
        }
    }

    /// A person's booked meetings in time order.
    static func bookedMeetings(of user: UserID, on connection: PostgresConnection, logger: Logger) async throws -> [Meeting] {
        var meetings: [Meeting] = []
        for id in try await connection.values("""
            SELECT m.id FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id
            WHERE m.status = 'booked' AND (m.a_id = \(user.rawValue) OR m.b_id = \(user.rawValue)) ORDER BY s.starts_at, m.id
            """, as: MeetingID.self, logger: logger) {
            meetings.append(try await PostgresMeetings.meeting(id, for: user.rawValue, on: connection, logger: logger))
        }
        return meetings
    }
}
