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

    package init(users: [UserID], names: [String], problem: Scheduler.Problem, slots: [MeetingSlot], bookmarks: [[BookmarkClash.Session]],
                 sessionTitles: [SessionID: LocalizedText]) {
        self.users = users
        self.names = names
        self.problem = problem
        self.slots = slots
        self.bookmarks = bookmarks
        self.sessionTitles = sessionTitles
    }
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

extension ScheduleInput {
    /// The rows a store reads for the scheduler, as they are in its tables.
    package struct Rows: Sendable {
        package var availability: [(user: Int64, slot: SlotID)] = []
        package var booked: [(a: Int64, b: Int64, slot: SlotID)] = []
        package var blocks: [(blocker: Int64, blocked: Int64)] = []
        package var pending: [(from: Int64, to: Int64)] = []
        /// Bookmarked sessions around the plan's slots.
        package var bookmarked: [(user: Int64, session: BookmarkClash.Session, title: String)] = []

        package init() {}
    }

    /// The people in the plan: those available in one of `slots` (and in `only`, when given), in id order.
    package static func people(_ rows: Rows, slots: [MeetingSlot], only: Set<Int64>?) -> [Int64] {
        let ids = Set(slots.map(\.id))
        return Set(rows.availability.filter { ids.contains($0.slot) && only?.contains($0.user) != false }.map(\.user)).sorted()
    }

    /// The scheduler's problem, assembled one way for every store from what it read: each person's free slots (minus
    /// those booked), pairs scored as the lounge suggests them (never two who met or blocked each other) plus the pairs
    /// with pending requests, the tables left per slot, and the bookmarked sessions in the way.
    package static func assemble(_ rows: Rows, slots: [MeetingSlot], maxPerPerson: Int, users: [Int64], profiles: [Profile], names: [String])
        throws -> ScheduleInput
    {
        let bit = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($0.element.id, $0.offset) })
        let position = Dictionary(uniqueKeysWithValues: users.enumerated().map { ($0.element, $0.offset) })
        var free: [Int64: UInt64] = [:]
        for row in rows.availability {
            guard let index = bit[row.slot], position[row.user] != nil else { continue }
            free[row.user, default: 0] |= 1 << UInt64(index)
        }
        var booked = [Int](repeating: 0, count: users.count)
        var met = Set<[Int]>()
        var used: [SlotID: Int] = [:]
        for row in rows.booked {
            used[row.slot, default: 0] += 1
            for (person, other) in [(row.a, row.b), (row.b, row.a)] {
                guard let p = position[person] else { continue }
                booked[p] += 1
                if let index = bit[row.slot] { free[person]? &= ~(1 << UInt64(index)) }
                if let o = position[other] { met.insert([min(p, o), max(p, o)]) }
            }
        }
        for row in rows.blocks {
            if let a = position[row.blocker], let b = position[row.blocked] { met.insert([min(a, b), max(a, b)]) }
        }
        var requested: [[Int]: Int] = [:]
        for row in rows.pending {
            guard let a = position[row.from], let b = position[row.to] else { continue }
            requested[[min(a, b), max(a, b)], default: 0] += 1
        }
        var pairs = SchedulerInput.pairs(profiles, excluded: met).map { pair in
            Scheduler.Pair(a: pair.a, b: pair.b, score: pair.score, requested: requested[[pair.a, pair.b]] ?? 0)
        }
        let scored = Set(pairs.map { [$0.a, $0.b] })
        for (key, count) in requested.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) where !scored.contains(key) && !met.contains(key) {
            pairs.append(Scheduler.Pair(a: key[0], b: key[1], score: 0, requested: count))
        }
        var bookmarks = [[BookmarkClash.Session]](repeating: [], count: users.count)
        var sessionTitles: [SessionID: LocalizedText] = [:]
        for row in rows.bookmarked {
            guard let index = position[row.user], BookmarkClash.mask(slots: slots, sessions: [row.session]) != 0 else { continue }
            bookmarks[index].append(row.session)
            if sessionTitles[row.session.id] == nil { sessionTitles[row.session.id] = try? ColumnJSON.decode(row.title) }
        }
        let people = users.enumerated().map {
            Scheduler.Person(id: UserID($0.element), free: free[$0.element] ?? 0, booked: booked[$0.offset],
                             bookmarked: BookmarkClash.mask(slots: slots, sessions: bookmarks[$0.offset]))
        }
        return ScheduleInput(users: users.map(UserID.init), names: names,
                             problem: Scheduler.Problem(people: people, pairs: pairs, tables: slots.map { max(0, $0.tables - used[$0.id, default: 0]) },
                                                        maxPerPerson: maxPerPerson),
                             slots: slots, bookmarks: bookmarks, sessionTitles: sessionTitles)
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
            var rows = ScheduleInput.Rows()
            rows.availability = try Row.fetchAll(db.cachedStatement(sql: "SELECT user_id, slot_id FROM availability")).map { ($0["user_id"], $0["slot_id"]) }
            rows.booked = try Row.fetchAll(db.cachedStatement(sql: "SELECT a_id, b_id, slot_id FROM meetings WHERE status = 'booked'"))
                .map { ($0["a_id"], $0["b_id"], $0["slot_id"]) }
            rows.blocks = try Row.fetchAll(db.cachedStatement(sql: "SELECT blocker_id, blocked_id FROM blocks")).map { ($0["blocker_id"], $0["blocked_id"]) }
            rows.pending = try Row.fetchAll(db.cachedStatement(sql: "SELECT from_id, to_id FROM meeting_requests WHERE status = 'pending'"))
                .map { ($0["from_id"], $0["to_id"]) }
            if let first = slots.map(\.startsAt).min(), let last = slots.map(\.endsAt).max() {
                rows.bookmarked = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT a.user_id, s.id, s.starts_at, s.ends_at, s.title FROM agenda_items a JOIN sessions s ON s.id = a.session_id
                    WHERE s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at, s.id, a.user_id
                    """), arguments: [last.milliseconds, first.milliseconds]).map {
                    ($0["user_id"], BookmarkClash.Session(id: $0["id"], startsAt: Timestamp(milliseconds: $0["starts_at"]), endsAt: Timestamp(milliseconds: $0["ends_at"])),
                     $0["title"])
                }
            }
            let users = ScheduleInput.people(rows, slots: slots, only: only)
            return try ScheduleInput.assemble(
                rows, slots: slots, maxPerPerson: maxPerPerson, users: users, profiles: try users.map { try Self.profile(db, of: $0) },
                names: try users.map { try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [$0]) ?? "" })
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
