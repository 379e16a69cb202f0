import Foundation
import GRDB
import SeminarCore

extension AppDatabase {
    public func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws {
        try await writer.write { db in
            _ = try Self.sessionRow(db, id: id)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO agenda_items(user_id, session_id, added_at) VALUES (?, ?, ?)").execute(
                           arguments: [user.rawValue, id, now.milliseconds])
        }
    }

    public func removeBookmark(session id: SessionID, user: UserID) async throws {
        try await writer.write { db in
            _ = try Self.sessionRow(db, id: id)
            try db.cachedStatement(sql: "DELETE FROM agenda_items WHERE user_id = ? AND session_id = ?").execute(arguments: [user.rawValue, id])
        }
    }

    /// A person's bookmarked sessions and booked meetings in time order, with the clashes marked across both.
    public func agenda(for user: UserID) async throws -> Agenda {
        try await writer.read { db in
            let sessions = try Row.fetchAll(db, sql: Self.sessionSelect + """
                 JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = ? ORDER BY s.starts_at, s.id
                """, arguments: [user.rawValue]).map(ProgramSession.init(row:))
            return Agenda(sessions: sessions, meetings: try Self.bookedMeetings(db, user: user))
        }
    }

    static func bookedMeetings(_ db: Database, user: UserID) throws -> [Meeting] {
        try MeetingID.fetchAll(db.cachedStatement(sql: """
            SELECT m.id FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id
            WHERE m.status = 'booked' AND (m.a_id = ? OR m.b_id = ?) ORDER BY s.starts_at
            """), arguments: [user.rawValue, user.rawValue]).map { try meeting(db, id: $0, for: user.rawValue) }
    }

    /// The person's calendar key, made on first use.
    public func calendarKey(for user: UserID, now: Timestamp) async throws -> String {
        try await writer.write { db in
            if let key = try String.fetchOne(db.cachedStatement(sql: "SELECT key FROM calendar_keys WHERE user_id = ?"), arguments: [user.rawValue]) {
                return key
            }
            let key = Self.randomKey()
            try db.cachedStatement(sql: "INSERT INTO calendar_keys(user_id, key, created_at) VALUES (?, ?, ?)").execute(arguments: [user.rawValue, key, now.milliseconds])
            return key
        }
    }

    /// Replaces the person's calendar key: the old address stops working.
    public func revokeCalendarKey(for user: UserID, now: Timestamp) async throws -> String {
        try await writer.write { db in
            let key = Self.randomKey()
            try db.cachedStatement(sql: """
                INSERT INTO calendar_keys(user_id, key, created_at) VALUES (?, ?, ?)
                ON CONFLICT(user_id) DO UPDATE SET key = excluded.key, created_at = excluded.created_at
                """).execute(arguments: [user.rawValue, key, now.milliseconds])
            return key
        }
    }

    public func user(calendarKey key: String) async throws -> UserRecord? {
        try await writer.read { db in
            try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT u.* FROM calendar_keys k JOIN users u ON u.id = k.user_id WHERE k.key = ?"), arguments: [key])
        }
    }

    /// The person's agenda as calendar events (stable UIDs; SEQUENCE follows the session's revision).
    public func calendarEvents(for user: UserID, language: Language, baseURL: String) async throws -> (name: String, timeZone: String, events: [CalendarEvent]) {
        let info = try await seminarInfo()
        let (rows, meetings) = try await writer.read { db in
            (try Row.fetchAll(db, sql: Self.sessionSelect + " JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = ? ORDER BY s.starts_at",
                              arguments: [user.rawValue]).map(ProgramSession.init(row:)),
             try Self.bookedMeetings(db, user: user))
        }
        let events = AgendaFeed.events(sessions: rows, meetings: meetings, language: language, baseURL: baseURL)
        return (info?.name.resolved(language)?.text ?? "Seminar", info?.timeZone ?? "UTC", events)
    }

    /// A new calendar key: 32 random bytes in hex (every store makes them so).
    package static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
}
