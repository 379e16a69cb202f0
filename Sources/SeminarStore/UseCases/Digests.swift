import GRDB
import SeminarCore

/// The morning digest: once per day, each person's bookmarked sessions and booked meetings of the day, queued in one
/// transaction with the day's marker (so a restart, or a second process, never queues it twice).
extension AppDatabase {
    /// Queues the digest of `day` (its name, e.g. `2027-02-16`) covering [`from`, `to`); how many were queued, 0 when
    /// the day's digest was queued already.
    public func queueDigests(day: String, from: Timestamp, to: Timestamp, now: Timestamp, compose: DigestMail.Composer) async throws -> Int {
        try await writer.write { db in
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO mail_digests(day, queued_at) VALUES (?, ?)").execute(arguments: [day, now.milliseconds])
            guard db.changesCount == 1 else { return 0 }
            var items: [Int64: [DigestMail.Item]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT a.user_id, s.id, s.title, s.starts_at, s.ends_at FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                WHERE s.starts_at >= ? AND s.starts_at < ?
                """, arguments: [from.milliseconds, to.milliseconds]) {
                let title: LocalizedText = (try? Self.decode(row["title"])) ?? LocalizedText()
                items[row["user_id"], default: []].append(.init(start: Timestamp(milliseconds: row["starts_at"]), end: Timestamp(milliseconds: row["ends_at"]),
                                                                kind: .session(title: title, id: row["id"])))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT m.id, m.a_id, m.b_id, m.table_no, a.display_name AS a_name, b.display_name AS b_name, s.starts_at, s.ends_at
                FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id
                WHERE m.status = 'booked' AND s.starts_at >= ? AND s.starts_at < ?
                """, arguments: [from.milliseconds, to.milliseconds]) {
                let start = Timestamp(milliseconds: row["starts_at"]), end = Timestamp(milliseconds: row["ends_at"])
                items[row["a_id"], default: []].append(.init(start: start, end: end, kind: .meeting(with: row["b_name"], table: row["table_no"], id: row["id"])))
                items[row["b_id"], default: []].append(.init(start: start, end: end, kind: .meeting(with: row["a_name"], table: row["table_no"], id: row["id"])))
            }
            let seminar = try Self.mailSeminar(db)
            var queued = 0
            for (user, mine) in items.sorted(by: { $0.key < $1.key }) {
                if try Self.enqueueMail(db, compose(try Self.mailPerson(db, user), mine, seminar), now: now) { queued += 1 }
            }
            return queued
        }
    }
}
