import GRDB
import SeminarCore

/// What the welcome desk's guide shows on arrival, read in one transaction.
public struct GuideRead: Sendable {
    public let live: [ProgramSession]
    public let next: [ProgramSession]
    public let yourSession: ProgramSession?
    public let yourMeeting: Meeting?
    public let channel: SeminarChannel?
    public let timeZone: String
    public let waiting: Int
    /// The ids of the sessions in the person's agenda.
    public let bookmarks: Set<SessionID>

    package init(live: [ProgramSession], next: [ProgramSession], yourSession: ProgramSession?, yourMeeting: Meeting?, channel: SeminarChannel?,
                 timeZone: String, waiting: Int, bookmarks: Set<SessionID>) {
        self.live = live
        self.next = next
        self.yourSession = yourSession
        self.yourMeeting = yourMeeting
        self.channel = channel
        self.timeZone = timeZone
        self.waiting = waiting
        self.bookmarks = bookmarks
    }
}

extension AppDatabase {
    /// Sessions live now, the next five to start, the person's next bookmarked session (or the one they are
    /// in now) and next meeting, the all-week channel, and the desk queue's length.
    public func guide(for user: UserID, now: Timestamp) async throws -> GuideRead {
        try await writer.read { db in
            let bookmarks = Set(try SessionID.fetchAll(db.cachedStatement(sql: "SELECT session_id FROM agenda_items WHERE user_id = ?"), arguments: [user.rawValue]))
            let summaries = { (sql: String, arguments: StatementArguments) in
                try Row.fetchAll(db, sql: Self.sessionSelect + sql, arguments: arguments).map(ProgramSession.init(row:))
            }
            let live = try summaries(" WHERE r.state = 'live' ORDER BY s.starts_at, s.id", [])
            // A session started early is live, not coming up: it shows once, under "live now".
            let next = try summaries(" WHERE s.starts_at > ? AND COALESCE(r.state, 'scheduled') NOT IN ('ended', 'live') ORDER BY s.starts_at, s.id LIMIT 5",
                                     [now.milliseconds])
            let yours = try summaries("""
                 JOIN agenda_items a ON a.session_id = s.id WHERE a.user_id = ? AND s.ends_at > ?
                 AND COALESCE(r.state, 'scheduled') != 'ended' ORDER BY s.starts_at, s.id LIMIT 1
                """, [user.rawValue, now.milliseconds]).first
            let meeting = try Self.bookedMeetings(db, user: user).first { $0.slot.endsAt > now }
            return GuideRead(
                live: live, next: next, yourSession: yours, yourMeeting: meeting, channel: try Self.channel(db, now: now),
                timeZone: try String.fetchOne(db.cachedStatement(sql: "SELECT time_zone FROM seminar WHERE id = 1")) ?? "UTC",
                waiting: try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")) ?? 0, bookmarks: bookmarks)
        }
    }
}
