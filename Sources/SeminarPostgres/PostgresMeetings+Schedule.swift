import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Meetings beyond one request, in PostgreSQL (the cluster's ``ScheduleStore``): availability, the organiser's bulk
/// plan, expiry, the other side of a table. Changes take the meetings' transaction lock (``PostgresMeetings/change(_:)``)
/// like every meeting change, so a plan published on one node and an accept on another cannot both take a table.
extension PostgresMeetings: ScheduleStore {
    @discardableResult
    public func expireRequests(now: Timestamp, expiryHours: Int) async throws -> Int {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let cutoff = now.milliseconds - Int64(expiryHours) * 3_600_000
            let ids = try await connection.values("""
                UPDATE meeting_requests SET status = 'expired' WHERE status = 'pending' AND created_at <= \(cutoff) RETURNING id
                """, as: MeetingRequestID.self, logger: logger).sorted()
            for id in ids {
                let request = try await Self.request(id, expiryHours: expiryHours, on: connection, logger: logger)
                for person in [request.from.id, request.to.id] {
                    appended.append(try await context.append(.meeting(.request(request)), to: .user(person), at: now, on: connection))
                }
            }
            return ids.count
        }
    }

    public func meetingPartner(meeting id: MeetingID, of user: UserID) async throws -> Int64 {
        let logger = logger
        return try await context.read { connection in
            try MeetingRules.decide(.signal, on: try await Self.meetingRow(id, on: connection, logger: logger).facts, by: user.rawValue)
        }
    }

    public func setAvailability(user: UserID, slots: [SlotID]) async throws {
        let logger = logger
        try await change { connection, _ in
            let grid = try await Self.slots(on: connection, logger: logger)
            for id in slots where grid[id] == nil { throw DomainError(.notFound, "No slot \(id) in the meeting grid", field: "slots") }
            try await connection.query("DELETE FROM availability WHERE user_id = \(user.rawValue)", logger: logger)
            for id in Set(slots).sorted() {
                try await connection.query("INSERT INTO availability(user_id, slot_id) VALUES (\(user.rawValue), \(id.rawValue))", logger: logger)
            }
        }
    }

    public func scheduleInput(slots slotIDs: [SlotID], maxPerPerson: Int, only: Set<Int64>?) async throws -> ScheduleInput {
        let logger = logger
        return try await context.read { connection in
            let grid = try await Self.slots(on: connection, logger: logger)
            let slots = try slotIDs.map { id -> MeetingSlot in
                guard let slot = grid[id] else { throw DomainError(.notFound, "No slot \(id) in the meeting grid", field: "slots") }
                return slot
            }
            try Scheduler.checkSlotCount(slots.count)
            var rows = ScheduleInput.Rows()
            for try await row in try await connection.query("SELECT user_id, slot_id FROM availability", logger: logger).decode((Int64, SlotID).self) {
                rows.availability.append(row)
            }
            for try await row in try await connection.query("SELECT a_id, b_id, slot_id FROM meetings WHERE status = 'booked'", logger: logger)
                .decode((Int64, Int64, SlotID).self) {
                rows.booked.append(row)
            }
            for try await row in try await connection.query("SELECT blocker_id, blocked_id FROM blocks", logger: logger).decode((Int64, Int64).self) {
                rows.blocks.append(row)
            }
            for try await row in try await connection.query("SELECT from_id, to_id FROM meeting_requests WHERE status = 'pending'", logger: logger)
                .decode((Int64, Int64).self) {
                rows.pending.append(row)
            }
            if let first = slots.map(\.startsAt).min(), let last = slots.map(\.endsAt).max() {
                for try await (user, id, startsAt, endsAt, title) in try await connection.query("""
                    SELECT a.user_id, s.id, s.starts_at, s.ends_at, s.title FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                    WHERE s.starts_at < \(last.milliseconds) AND s.ends_at > \(first.milliseconds) ORDER BY s.starts_at, s.id, a.user_id
                    """, logger: logger).decode((Int64, SessionID, Int64, Int64, String).self) {
                    rows.bookmarked.append((user, BookmarkClash.Session(id: id, startsAt: Timestamp(milliseconds: startsAt), endsAt: Timestamp(milliseconds: endsAt)),
                                            title))
                }
            }
            let users = ScheduleInput.people(rows, slots: slots, only: only)
            var profiles: [Profile] = []
            var names: [String] = []
            for user in users {
                profiles.append(try await PostgresPeople.profile(of: user, on: connection, logger: logger))
                names.append(try await connection.value("SELECT display_name FROM users WHERE id = \(user)", as: String.self, logger: logger) ?? "")
            }
            return try ScheduleInput.assemble(rows, slots: slots, maxPerPerson: maxPerPerson, users: users, profiles: profiles, names: names)
        }
    }

    public func publishPlan(_ meetings: [PlannedMeeting], now: Timestamp, notify: PlanMail.Composer?) async throws -> (created: Int, skipped: Int) {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let grid = try await Self.slots(on: connection, logger: logger)
            var created = 0, skipped = 0
            var booked = Set<Int64>()
            let name = try ColumnJSON.encode(LocalizedText(fr: "Rencontre", en: "Meeting", es: "Reunión"))
            for planned in meetings {
                guard let slot = grid[planned.slot] else { skipped += 1; continue }
                let (a, b) = (planned.a, planned.b)
                let taken = try await connection.exists("""
                    SELECT 1 FROM meetings WHERE slot_id = \(slot.id) AND status = 'booked' AND (a_id IN (\(a), \(b)) OR b_id IN (\(a), \(b)))
                    """, logger: logger)
                let used = Set(try await connection.values("SELECT table_no FROM meetings WHERE slot_id = \(slot.id) AND status = 'booked'",
                                                           as: Int.self, logger: logger))
                guard !taken, let table = (1...max(1, slot.tables)).first(where: { !used.contains($0) }), table <= slot.tables else {
                    skipped += 1
                    continue
                }
                guard let room = try await connection.value("INSERT INTO rooms(kind, state, name) VALUES ('meeting', 'open', \(name)) RETURNING id",
                                                            as: RoomID.self, logger: logger),
                      let meeting = try await connection.value("""
                          INSERT INTO meetings(slot_id, table_no, a_id, b_id, room_id, status, created_at)
                          VALUES (\(slot.id), \(table), \(a), \(b), \(room), 'booked', \(now.milliseconds)) RETURNING id
                          """, as: MeetingID.self, logger: logger)
                else { throw DomainError(.internal, "a planned meeting was not stored") }
                try await connection.query("""
                    UPDATE meeting_requests SET status = 'accepted'
                    WHERE status = 'pending' AND ((from_id = \(a) AND to_id = \(b)) OR (from_id = \(b) AND to_id = \(a)))
                    """, logger: logger)
                for person in [a, b] {
                    let mine = try await Self.meeting(meeting, for: person, on: connection, logger: logger)
                    appended.append(try await context.append(.meeting(.booked(mine)), to: .user(UserID(person)), at: now, on: connection))
                }
                created += 1
                booked.formUnion([a, b])
            }
            if let notify {
                let seminar = try await PostgresMailOutbox.seminar(on: connection, logger: logger)
                for person in booked.sorted() {
                    var mine: [PlanMail.Meeting] = []
                    for try await (id, slot, table, other) in try await connection.query("""
                        SELECT m.id, m.slot_id, m.table_no, CASE WHEN m.a_id = \(person) THEN b.display_name ELSE a.display_name END
                        FROM meetings m JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id
                        WHERE m.status = 'booked' AND (m.a_id = \(person) OR m.b_id = \(person)) ORDER BY m.id
                        """, logger: logger).decode((MeetingID, SlotID, Int, String).self) {
                        if let span = grid[slot] {
                            mine.append(PlanMail.Meeting(id: id, with: other, slot: .init(start: span.startsAt, end: span.endsAt), table: table))
                        }
                    }
                    _ = try await PostgresMailOutbox.enqueue(notify(try await PostgresMailOutbox.person(UserID(person), on: connection, logger: logger),
                                                                    mine, seminar, now), now: now, on: connection, logger: logger)
                }
            }
            return (created, skipped)
        }
    }
}
