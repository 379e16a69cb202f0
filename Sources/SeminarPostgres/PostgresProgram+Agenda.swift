import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The program as people read it in PostgreSQL: the seminar's facts, a person's agenda and calendar key, the sessions
/// they host, and a session's revisions.
extension PostgresProgram {
    public func hasProgram() async throws -> Bool {
        let logger = logger
        return try await context.read { connection in try await connection.exists("SELECT 1 FROM seminar WHERE id = 1", logger: logger) }
    }

    public func seminarInfo() async throws -> SeminarInfo? {
        let logger = logger
        return try await context.read { connection in
            var info: SeminarInfo?
            for try await (name, tagline, timeZone, startsAt, endsAt) in try await connection.query(
                "SELECT name, tagline, time_zone, starts_at, ends_at FROM seminar WHERE id = 1", logger: logger).decode((String, String, String, Int64, Int64).self) {
                info = SeminarInfo(name: try ColumnJSON.decode(name), tagline: try ColumnJSON.decode(tagline), timeZone: timeZone,
                                   startsAt: Timestamp(milliseconds: startsAt).iso8601, endsAt: Timestamp(milliseconds: endsAt).iso8601)
            }
            return info
        }
    }

    public func removeBookmark(session id: SessionID, user: UserID) async throws {
        let logger = logger
        try await context.write { connection, _ in
            _ = try await Self.session(id, on: connection, logger: logger)
            try await connection.query("DELETE FROM agenda_items WHERE user_id = \(user) AND session_id = \(id)", logger: logger)
        }
    }

    /// A person's bookmarked sessions and booked meetings in time order, with the clashes marked across both.
    public func agenda(for user: UserID) async throws -> Agenda {
        let logger = logger
        return try await context.read { connection in
            var query = PostgresQuery(unsafeSQL: Self.sessionSelect + " JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = $1 ORDER BY s.starts_at, s.id")
            try query.binds.append(user.rawValue, context: .default)
            let sessions = try await Self.sessions(query, on: connection, logger: logger)
            return Agenda(sessions: sessions, meetings: try await Self.bookedMeetings(of: user, on: connection, logger: logger))
        }
    }

    /// The sessions `user` hosts, with their bookmarks.
    public func hostedSessions(of user: UserID) async throws -> (sessions: [ProgramSession], bookmarks: Set<SessionID>) {
        let logger = logger
        return try await context.read { connection in
            let bookmarks = Set(try await connection.values("SELECT session_id FROM agenda_items WHERE user_id = \(user)", as: SessionID.self, logger: logger))
            var query = PostgresQuery(unsafeSQL: Self.sessionSelect + " JOIN session_hosts h ON h.session_id = s.id WHERE h.user_id = $1 ORDER BY s.starts_at, s.id")
            try query.binds.append(user.rawValue, context: .default)
            return (try await Self.sessions(query, on: connection, logger: logger), bookmarks)
        }
    }

    /// A session's revisions, newest first, numbered from the first.
    public func revisions(session id: SessionID) async throws -> [SessionRevision] {
        let logger = logger
        return try await context.read { connection in
            _ = try await Self.session(id, on: connection, logger: logger)
            var rows: [(id: Int64, at: Int64, changes: String, author: Int64?, name: String?)] = []
            for try await row in try await connection.query("""
                SELECT r.id, r.at, r.changes, u.id, u.display_name FROM session_revisions r LEFT JOIN users u ON u.id = r.author_id
                WHERE r.session_id = \(id) ORDER BY r.id DESC
                """, logger: logger).decode((Int64, Int64, String, Int64?, String?).self) {
                rows.append(row)
            }
            return try rows.enumerated().map { index, row in
                SessionRevision(id: RevisionID(row.id), number: Int64(rows.count - index), author: row.author.map { Author(id: UserID($0), displayName: row.name ?? "") },
                                at: Timestamp(milliseconds: row.at), changes: try ColumnJSON.decode(row.changes))
            }
        }
    }

    // MARK: calendar keys

    /// The person's calendar key, made on first use (two first uses at once make one).
    public func calendarKey(for user: UserID, now: Timestamp) async throws -> String {
        let logger = logger
        return try await context.write { connection, _ in
            try await connection.query("""
                INSERT INTO calendar_keys(user_id, key, created_at) VALUES (\(user), \(AppDatabase.randomKey()), \(now.milliseconds))
                ON CONFLICT (user_id) DO NOTHING
                """, logger: logger)
            guard let key = try await connection.value("SELECT key FROM calendar_keys WHERE user_id = \(user)", as: String.self, logger: logger)
            else { throw DomainError(.internal, "no calendar key for \(user)") }
            return key
        }
    }

    /// Replaces the person's calendar key: the old address stops working.
    public func revokeCalendarKey(for user: UserID, now: Timestamp) async throws -> String {
        let logger = logger
        return try await context.write { connection, _ in
            let key = AppDatabase.randomKey()
            try await connection.query("""
                INSERT INTO calendar_keys(user_id, key, created_at) VALUES (\(user), \(key), \(now.milliseconds))
                ON CONFLICT (user_id) DO UPDATE SET key = excluded.key, created_at = excluded.created_at
                """, logger: logger)
            return key
        }
    }

    /// The person whose calendar key `key` is.
    public func user(calendarKey key: String) async throws -> UserRecord? {
        let logger = logger
        return try await context.read { connection in
            try await PostgresAccounts.record("""
                SELECT u.id, u.email, u.password_hash, u.display_name, u.locale, u.role FROM calendar_keys k JOIN users u ON u.id = k.user_id
                WHERE k.key = \(key)
                """, on: connection, logger: logger)
        }
    }
}
