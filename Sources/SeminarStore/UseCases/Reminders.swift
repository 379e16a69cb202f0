import GRDB
import SeminarCore

extension AppDatabase {
    /// Sends a `reminder` on each person's `user:` topic for bookmarked sessions starting within `lead` seconds,
    /// once per session start (a rescheduled session is reminded again). Returns how many went out.
    @discardableResult
    public func sendDueReminders(now: Timestamp, lead: Int64 = 300) async throws -> Int {
        try await writer.write { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.user_id, s.id AS session_id, s.title, s.starts_at, r.id AS room_id FROM agenda_items a
                JOIN sessions s ON s.id = a.session_id LEFT JOIN rooms r ON r.session_id = s.id
                WHERE s.starts_at > ? AND s.starts_at <= ?
                AND NOT EXISTS (SELECT 1 FROM reminders_sent x WHERE x.user_id = a.user_id AND x.session_id = s.id AND x.starts_at = s.starts_at)
                """), arguments: [now.milliseconds, now.milliseconds + lead * 1000])
            for row in rows {
                let user: Int64 = row["user_id"]
                let startsAt: Int64 = row["starts_at"]
                try db.cachedStatement(sql: "INSERT INTO reminders_sent(user_id, session_id, starts_at) VALUES (?, ?, ?)").execute(
                               arguments: [user, row["session_id"], startsAt])
                let reminder = SessionReminder(sessionId: row["session_id"], roomId: row["room_id"], title: try Self.decode(row["title"]),
                                               startsAt: Timestamp(milliseconds: startsAt))
                _ = try self.append(db, topic: .user(UserID(user)), .sessionReminder(reminder), at: now)
            }
            // Meetings: both people, once each.
            let meetings = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT m.id, m.a_id, m.b_id, s.starts_at FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id
                WHERE m.status = 'booked' AND s.starts_at > ? AND s.starts_at <= ?
                """), arguments: [now.milliseconds, now.milliseconds + lead * 1000])
            var sent = rows.count
            for row in meetings {
                let id: MeetingID = row["id"]
                for person in [row["a_id"], row["b_id"]] as [Int64] {
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO meeting_reminders_sent(meeting_id, user_id) VALUES (?, ?)").execute(arguments: [id, person])
                    guard db.changesCount == 1 else { continue }
                    _ = try self.append(db, topic: .user(UserID(person)), .meeting(.reminder(try Self.meeting(db, id: id, for: person))), at: now)
                    sent += 1
                }
            }
            return sent
        }
    }
}
