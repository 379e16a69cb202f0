import GRDB
import SeminarCore

/// What the scheduler needs, read in one transaction.
public struct ScheduleInput: Sendable {
    public let users: [UserID]
    public let names: [String]
    public let problem: Scheduler.Problem
    public let slots: [MeetingSlot]
    /// Each person's bookmarked sessions that overlap a slot of the plan (by person index).
    public let bookmarks: [[BookmarkClash.Session]]
    /// Those sessions' titles.
    public let sessionTitles: [SessionID: LocalizedText]
}

public struct PlannedMeeting: Codable, Sendable {
    public let a: Int64
    public let b: Int64
    public let slot: SlotID
    public let score: Double

    public init(a: Int64, b: Int64, slot: SlotID, score: Double) {
        self.a = a
        self.b = b
        self.slot = slot
        self.score = score
    }
}

extension AppDatabase {
    /// Reads the people who opted in (marked availability in `slotIDs`), their profiles, bookings, requests, blocks and
    /// the bookmarked sessions in the way of the slots.
    public func scheduleInput(slots slotIDs: [SlotID], maxPerPerson: Int, only: Set<Int64>?) async throws -> ScheduleInput {
        try await writer.read { db in
            let grid = try Self.slots(db)
            let slots = try slotIDs.map { id -> MeetingSlot in
                guard let slot = grid[id] else { throw DomainError(.notFound, "No slot \(id) in the meeting grid", field: "slots") }
                return slot
            }
            try Scheduler.checkSlotCount(slots.count)
            let bit = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($0.element.id, $0.offset) })
            var free: [Int64: UInt64] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT user_id, slot_id FROM availability")) {
                guard let index = bit[row["slot_id"]] else { continue }
                let user: Int64 = row["user_id"]
                if let only, !only.contains(user) { continue }
                free[user, default: 0] |= 1 << UInt64(index)
            }
            let users = free.keys.sorted()
            let position = Dictionary(uniqueKeysWithValues: users.enumerated().map { ($0.element, $0.offset) })
            var booked = [Int](repeating: 0, count: users.count)
            var met = Set<[Int]>()
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT a_id, b_id, slot_id FROM meetings WHERE status = 'booked'")) {
                let a: Int64 = row["a_id"], b: Int64 = row["b_id"]
                for (person, other) in [(a, b), (b, a)] {
                    guard let p = position[person] else { continue }
                    booked[p] += 1
                    if let index = bit[row["slot_id"]] { free[person]? &= ~(1 << UInt64(index)) }
                    if let o = position[other] { met.insert([min(p, o), max(p, o)]) }
                }
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT blocker_id, blocked_id FROM blocks")) {
                if let a = position[row["blocker_id"]], let b = position[row["blocked_id"]] { met.insert([min(a, b), max(a, b)]) }
            }
            var requested: [[Int]: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT from_id, to_id FROM meeting_requests WHERE status = 'pending'")) {
                guard let a = position[row["from_id"]], let b = position[row["to_id"]] else { continue }
                requested[[min(a, b), max(a, b)], default: 0] += 1
            }
            let profiles = try users.map { try Self.profile(db, of: $0) }
            var pairs = SchedulerInput.pairs(profiles, excluded: met).map { pair in
                Scheduler.Pair(a: pair.a, b: pair.b, score: pair.score, requested: requested[[pair.a, pair.b]] ?? 0)
            }
            let scored = Set(pairs.map { [$0.a, $0.b] })
            for (key, count) in requested where !scored.contains(key) && !met.contains(key) {
                pairs.append(Scheduler.Pair(a: key[0], b: key[1], score: 0, requested: count))
            }
            var tables: [Int] = []
            for slot in slots {
                let used = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM meetings WHERE slot_id = ? AND status = 'booked'"), arguments: [slot.id]) ?? 0
                tables.append(max(0, slot.tables - used))
            }
            let names = try users.map { try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [$0]) ?? "" }
            var bookmarks = [[BookmarkClash.Session]](repeating: [], count: users.count)
            var sessionTitles: [SessionID: LocalizedText] = [:]
            if let first = slots.map(\.startsAt).min(), let last = slots.map(\.endsAt).max() {
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT a.user_id, s.id, s.starts_at, s.ends_at, s.title FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                    WHERE s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at, s.id
                    """), arguments: [last.milliseconds, first.milliseconds]) {
                    guard let index = position[row["user_id"]] else { continue }
                    let session = BookmarkClash.Session(id: row["id"], startsAt: Timestamp(milliseconds: row["starts_at"]),
                                                        endsAt: Timestamp(milliseconds: row["ends_at"]))
                    guard BookmarkClash.mask(slots: slots, sessions: [session]) != 0 else { continue }
                    bookmarks[index].append(session)
                    if sessionTitles[session.id] == nil { sessionTitles[session.id] = try? Self.decode(row["title"]) }
                }
            }
            let people = users.enumerated().map {
                Scheduler.Person(id: UserID($0.element), free: free[$0.element] ?? 0, booked: booked[$0.offset],
                                 bookmarked: BookmarkClash.mask(slots: slots, sessions: bookmarks[$0.offset]))
            }
            return ScheduleInput(users: users.map(UserID.init), names: names,
                                 problem: Scheduler.Problem(people: people, pairs: pairs, tables: tables, maxPerPerson: maxPerPerson), slots: slots,
                                 bookmarks: bookmarks, sessionTitles: sessionTitles)
        }
    }

    /// Books a published plan in one transaction; a meeting whose slot or people were taken since the preview is
    /// skipped. Everyone booked is told on their topic.
    /// With `notify`, everyone who got a meeting is mailed all their booked meetings (one `.ics`), in the same transaction.
    public func publishPlan(_ meetings: [PlannedMeeting], now: Timestamp, notify: PlanMail.Composer? = nil) async throws -> (created: Int, skipped: Int) {
        try await writer.write { db in
            let grid = try Self.slots(db)
            var created = 0, skipped = 0
            var booked = Set<Int64>()
            for planned in meetings {
                guard let slot = grid[planned.slot] else { skipped += 1; continue }
                let taken = try Int.fetchOne(db.cachedStatement(sql: """
                    SELECT COUNT(*) FROM meetings WHERE slot_id = ? AND status = 'booked' AND (a_id IN (?, ?) OR b_id IN (?, ?))
                    """), arguments: [slot.id, planned.a, planned.b, planned.a, planned.b]) ?? 0
                let used = Set(try Int.fetchAll(db.cachedStatement(sql: "SELECT table_no FROM meetings WHERE slot_id = ? AND status = 'booked'"), arguments: [slot.id]))
                guard taken == 0, let table = (1...max(1, slot.tables)).first(where: { !used.contains($0) }), table <= slot.tables else {
                    skipped += 1
                    continue
                }
                try db.cachedStatement(sql: "INSERT INTO rooms(kind, state, name) VALUES ('meeting', 'open', ?)").execute(
                               arguments: [try Self.encode(LocalizedText(fr: "Rencontre", en: "Meeting", es: "Reunión"))])
                let room = RoomID(db.lastInsertedRowID)
                try db.cachedStatement(sql: """
                    INSERT INTO meetings(slot_id, table_no, a_id, b_id, room_id, status, created_at) VALUES (?, ?, ?, ?, ?, 'booked', ?)
                    """).execute(arguments: [slot.id, table, planned.a, planned.b, room, now.milliseconds])
                let meeting = MeetingID(db.lastInsertedRowID)
                try db.cachedStatement(sql: """
                    UPDATE meeting_requests SET status = 'accepted' WHERE status = 'pending' AND ((from_id = ? AND to_id = ?) OR (from_id = ? AND to_id = ?))
                    """).execute(arguments: [planned.a, planned.b, planned.b, planned.a])
                for person in [planned.a, planned.b] {
                    _ = try self.append(db, topic: .user(UserID(person)), .meeting(.booked(try Self.meeting(db, id: meeting, for: person))), at: now)
                }
                created += 1
                booked.formUnion([planned.a, planned.b])
            }
            if let notify {
                let seminar = try Self.mailSeminar(db)
                for person in booked.sorted() {
                    let mine = try Row.fetchAll(db.cachedStatement(sql: """
                        SELECT m.id, m.slot_id, m.table_no, CASE WHEN m.a_id = ? THEN b.display_name ELSE a.display_name END AS other
                        FROM meetings m JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id
                        WHERE m.status = 'booked' AND (m.a_id = ? OR m.b_id = ?)
                        """), arguments: [person, person, person]).compactMap { row in
                        grid[row["slot_id"]].map { PlanMail.Meeting(id: row["id"], with: row["other"], slot: .init(start: $0.startsAt, end: $0.endsAt),
                                                                    table: row["table_no"]) }
                    }
                    try Self.enqueueMail(db, notify(try Self.mailPerson(db, person), mine, seminar, now), now: now)
                }
            }
            return (created, skipped)
        }
    }
}
