import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The morning digest: once per day, each person's bookmarked sessions and booked meetings of the day, queued in one
/// transaction with the day's marker. The marker is the day's primary key: a second node queuing the same day at once
/// waits for the first to commit, then finds the day taken and queues nothing.
extension PostgresMailing {
    public func queueDigests(day: String, from: Timestamp, to: Timestamp, now: Timestamp, compose: DigestMail.Composer) async throws -> Int {
        let logger = logger
        return try await context.write { connection, _ in
            guard try await connection.exists("""
                INSERT INTO mail_digests(day, queued_at) VALUES (\(day), \(now.milliseconds)) ON CONFLICT (day) DO NOTHING RETURNING day
                """, logger: logger) else { return 0 }
            var items: [Int64: [DigestMail.Item]] = [:]
            for try await (user, id, titleJSON, startsAt, endsAt) in try await connection.query("""
                SELECT a.user_id, s.id, s.title, s.starts_at, s.ends_at FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                WHERE s.starts_at >= \(from.milliseconds) AND s.starts_at < \(to.milliseconds) ORDER BY s.starts_at, s.id
                """, logger: logger).decode((Int64, SessionID, String, Int64, Int64).self) {
                let title: LocalizedText = (try? ColumnJSON.decode(titleJSON)) ?? LocalizedText()
                items[user, default: []].append(.init(start: Timestamp(milliseconds: startsAt), end: Timestamp(milliseconds: endsAt),
                                                      kind: .session(title: title, id: id)))
            }
            for try await (id, a, b, table, aName, bName, startsAt, endsAt) in try await connection.query("""
                SELECT m.id, m.a_id, m.b_id, m.table_no, a.display_name, b.display_name, s.starts_at, s.ends_at
                FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id
                WHERE m.status = 'booked' AND s.starts_at >= \(from.milliseconds) AND s.starts_at < \(to.milliseconds) ORDER BY s.starts_at, m.id
                """, logger: logger).decode((MeetingID, Int64, Int64, Int, String, String, Int64, Int64).self) {
                let start = Timestamp(milliseconds: startsAt), end = Timestamp(milliseconds: endsAt)
                items[a, default: []].append(.init(start: start, end: end, kind: .meeting(with: bName, table: table, id: id)))
                items[b, default: []].append(.init(start: start, end: end, kind: .meeting(with: aName, table: table, id: id)))
            }
            let seminar = try await PostgresMailOutbox.seminar(on: connection, logger: logger)
            var queued = 0
            for (user, mine) in items.sorted(by: { $0.key < $1.key }) {
                let person = try await PostgresMailOutbox.person(UserID(user), on: connection, logger: logger)
                if try await PostgresMailOutbox.enqueue(compose(person, mine, seminar), now: now, on: connection, logger: logger) { queued += 1 }
            }
            return queued
        }
    }
}
