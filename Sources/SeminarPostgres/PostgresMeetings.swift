import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Bilateral meetings in PostgreSQL (the cluster's ``MeetingStore``): the grid, requests, meetings and check-in, decided
/// by ``MeetingRules`` on facts read in the transaction. Every change to meetings takes one transaction lock first, so
/// changes from all nodes are decided one after the other, on facts no other change can move under them (as SQLite's
/// one writer gives): two accepts for the last table, or two requests holding one person's slot, cannot both pass.
/// People click these one at a time; the lock costs nothing the lounge would feel.
public final class PostgresMeetings: MeetingStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// The transaction lock every meeting change takes first (any constant the nodes agree on).
    static let changeLock: Int64 = 0x5345_4D4D_4545_54

    /// Runs a meeting change in one transaction, after the others (``changeLock``).
    func change<Result: Sendable>(_ body: (PostgresConnection, inout [StoredEvent]) async throws -> Result) async throws -> Result {
        let logger = logger
        return try await context.write { connection, appended in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.changeLock))", logger: logger)
            return try await body(connection, &appended)
        }
    }

    /// Adds slots to the grid (organisers); the lounge is told (`grid.updated` with the whole grid) in the same transaction.
    public func addSlots(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await change { connection, appended in
            try MeetingRules.checkAddition(slots, to: try await Self.slots(on: connection, logger: logger).values)
            for slot in slots {
                try await connection.query("""
                    INSERT INTO meeting_slots(starts_at, ends_at, tables) VALUES (\(slot.start.milliseconds), \(slot.end.milliseconds), \(tables))
                    """, logger: logger)
            }
            let grid = try await Self.slots(on: connection, logger: logger).values.sorted { $0.startsAt < $1.startsAt }
            appended.append(try await context.append(.meeting(.gridUpdated(grid)), to: .lounge, at: now, on: connection))
        }
    }

    /// The grid as `user` sees it: free tables per slot and whether they are available.
    public func grid(for user: UserID) async throws -> [GridSlot] {
        let logger = logger
        return try await context.read { connection in
            let mine = Set(try await connection.values("SELECT slot_id FROM availability WHERE user_id = \(user)", as: SlotID.self, logger: logger))
            var used: [SlotID: Int] = [:]
            for try await (slot, count) in try await connection.query(
                "SELECT slot_id, COUNT(*) FROM meetings WHERE status = 'booked' GROUP BY slot_id", logger: logger).decode((SlotID, Int).self) {
                used[slot] = count
            }
            return try await Self.slots(on: connection, logger: logger).values.sorted { $0.startsAt < $1.startsAt }.map { slot in
                GridSlot(slot: slot, freeTables: max(0, slot.tables - used[slot.id, default: 0]), available: mine.contains(slot.id))
            }
        }
    }

    public func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [SlotID]?, message: String, confirmOverlap: Bool,
                               key: String?, expiryHours: Int, now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let made = try await PostgresIdempotency.run(user: sender.id, key: key, type: MessageType.meetingRequest.rawValue, now: now, on: connection,
                                                         logger: logger) {
                _ = try await PostgresPeople.person(recipient, on: connection, logger: logger)
                let invitee = try await PostgresPeople.profile(of: recipient, on: connection, logger: logger)
                let chosen = try MeetingRules.decide(
                    MeetingProposal(from: sender.id.rawValue, to: recipient, slots: proposed, confirmOverlap: confirmOverlap),
                    grid: try await Self.slots(on: connection, logger: logger),
                    blocked: try await PostgresPeople.blocked(around: sender.id, on: connection, logger: logger).contains(UserID(recipient)),
                    inviteeTakesRequests: invitee.acceptsMeetings,
                    requester: try await Self.busyTimes(of: sender.id.rawValue, on: connection, logger: logger),
                    invitee: try await Self.busyTimes(of: recipient, on: connection, logger: logger), now: now)
                guard let id = try await connection.value("""
                    INSERT INTO meeting_requests(from_id, to_id, message, status, created_at)
                    VALUES (\(sender.id), \(recipient), \(message), 'pending', \(now.milliseconds)) RETURNING id
                    """, as: MeetingRequestID.self, logger: logger)
                else { throw DomainError(.internal, "a meeting request was not stored") }
                for slot in chosen {
                    try await connection.query("INSERT INTO meeting_request_slots(request_id, slot_id) VALUES (\(id), \(slot.id))", logger: logger)
                }
                let request = try await Self.request(id, expiryHours: expiryHours, on: connection, logger: logger)
                for person in [UserID(recipient), sender.id] {
                    appended.append(try await context.append(.meeting(.request(request)), to: .user(person), at: now, on: connection))
                }
                if let notify {
                    try await Self.mailNotice(.requested, to: recipient, other: sender.id.rawValue,
                                              slots: chosen.map { .init(start: $0.startsAt, end: $0.endsAt) }, note: message, compose: notify, now: now,
                                              on: connection, logger: logger)
                }
                return MadeRequest(id: id)
            }
            return try await Self.request(made.id, expiryHours: expiryHours, on: connection, logger: logger)
        }
    }

    /// The invitee accepts one proposed slot: a table is taken and a meeting room opens for the two of them.
    public func acceptMeeting(request id: MeetingRequestID, slot slotID: SlotID?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                              now: Timestamp, notify: MeetingNotice.Composer?) async throws -> Meeting {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let request = try await Self.requestFacts(id, on: connection, logger: logger)
            let grid = try await Self.slots(on: connection, logger: logger)
            let proposed = try await connection.values("SELECT slot_id FROM meeting_request_slots WHERE request_id = \(id)", as: SlotID.self, logger: logger)
                .compactMap { grid[$0] }
            let used = Set(try await connection.values("SELECT table_no FROM meetings WHERE slot_id = \(slotID?.rawValue ?? -1) AND status = 'booked'",
                                                       as: Int.self, logger: logger))
            let booking = try MeetingRules.accept(request, slot: slotID, proposed: proposed, by: user.id.rawValue, confirmOverlap: confirmOverlap,
                                                  requester: try await Self.busyTimes(of: request.from, on: connection, logger: logger),
                                                  invitee: try await Self.busyTimes(of: request.to, on: connection, logger: logger),
                                                  usedTables: used, now: now, expiryHours: expiryHours)
            let (slot, table) = (booking.slot, booking.table)
            let name = try ColumnJSON.encode(LocalizedText(fr: "Rencontre", en: "Meeting", es: "Reunión"))
            guard let room = try await connection.value("INSERT INTO rooms(kind, state, name) VALUES ('meeting', 'open', \(name)) RETURNING id",
                                                        as: RoomID.self, logger: logger),
                  let meeting = try await connection.value("""
                      INSERT INTO meetings(request_id, slot_id, table_no, a_id, b_id, room_id, status, created_at)
                      VALUES (\(id), \(slot.id), \(table), \(request.from), \(request.to), \(room), 'booked', \(now.milliseconds)) RETURNING id
                      """, as: MeetingID.self, logger: logger)
            else { throw DomainError(.internal, "a meeting was not stored") }
            try await connection.query("UPDATE meeting_requests SET status = 'accepted' WHERE id = \(id)", logger: logger)
            for person in [request.from, request.to] {
                let booked = try await Self.meeting(meeting, for: person, on: connection, logger: logger)
                appended.append(try await context.append(.meeting(.booked(booked)), to: .user(UserID(person)), at: now, on: connection))
                if let notify {
                    try await Self.mailNotice(.accepted, to: person, other: person == request.from ? request.to : request.from,
                                              slots: [.init(start: slot.startsAt, end: slot.endsAt)], table: table, meetingID: meeting, compose: notify,
                                              now: now, on: connection, logger: logger)
                }
            }
            return try await Self.meeting(meeting, for: user.id.rawValue, on: connection, logger: logger)
        }
    }

    /// The invitee declines, or the requester withdraws: decided first, so a refused one writes nothing and tells nobody.
    public func closeRequest(_ id: MeetingRequestID, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                             now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let facts = try await Self.requestFacts(id, on: connection, logger: logger)
            let status = try MeetingRules.close(action, on: facts, by: user.id.rawValue, now: now, expiryHours: expiryHours)
            try await connection.query("UPDATE meeting_requests SET status = \(status.rawValue), reason = \(reason) WHERE id = \(id)", logger: logger)
            let request = try await Self.request(id, expiryHours: expiryHours, on: connection, logger: logger)
            for person in [facts.from, facts.to] {
                appended.append(try await context.append(.meeting(.request(request)), to: .user(UserID(person)), at: now, on: connection))
            }
            if let notify {
                let declined = status == .declined
                try await Self.mailNotice(declined ? .declined : .withdrawn, to: declined ? facts.from : facts.to, other: declined ? facts.to : facts.from,
                                          slots: request.slots.map { .init(start: $0.startsAt, end: $0.endsAt) }, note: declined ? reason ?? "" : "",
                                          compose: notify, now: now, on: connection, logger: logger)
            }
            return request
        }
    }

    /// Either person cancels a booked meeting; the other is told (with `notify`, also by mail).
    public func cancelMeeting(_ id: MeetingID, by user: UserRecord, now: Timestamp, notify: MeetingNotice.Composer?) async throws {
        let (logger, context) = (logger, context)
        try await change { connection, appended in
            let row = try await Self.meetingRow(id, on: connection, logger: logger)
            let other = try MeetingRules.decide(.cancel, on: row.facts, by: user.id.rawValue)
            try await connection.query("UPDATE meetings SET status = 'cancelled' WHERE id = \(id)", logger: logger)
            if let room = row.room { try await connection.query("UPDATE rooms SET state = 'ended' WHERE id = \(room)", logger: logger) }
            for person in [user.id.rawValue, other] {
                appended.append(try await context.append(.meeting(.cancelled(meetingId: id, by: user.id.rawValue)), to: .user(UserID(person)), at: now,
                                                         on: connection))
            }
            if let notify, let slot = try await Self.slots(on: connection, logger: logger)[row.slot] {
                try await Self.mailNotice(.cancelled, to: other, other: user.id.rawValue, slots: [.init(start: slot.startsAt, end: slot.endsAt)],
                                          table: row.table, meetingID: id, compose: notify, now: now, on: connection, logger: logger)
            }
        }
    }

    /// One of the two people checks in at the table, within ``CheckInWindow``; checking in again changes nothing and tells
    /// nobody.
    public func checkIn(meeting id: MeetingID, by user: UserRecord, now: Timestamp) async throws -> Meeting {
        let (logger, context) = (logger, context)
        return try await change { connection, appended in
            let row = try await Self.meetingRow(id, on: connection, logger: logger)
            guard let slot = try await Self.slots(on: connection, logger: logger)[row.slot] else { throw DomainError(.internal, "meeting without slot") }
            let isA = user.id.rawValue == row.facts.a
            if try MeetingRules.checkIn(row.facts, by: user.id.rawValue, alreadyCheckedIn: isA ? row.aCheckedIn : row.bCheckedIn, slot: slot, now: now) {
                try await connection.query(PostgresQuery(unsafeSQL: "UPDATE meetings SET \(isA ? "a_checked_in" : "b_checked_in") = true WHERE id = \(id.rawValue)"),
                                           logger: logger)
                if let room = row.room {
                    appended.append(try await context.append(.meeting(.checkedIn(meetingId: id, userId: user.id.rawValue)), to: .room(room), at: now,
                                                             on: connection))
                }
            }
            return try await Self.meeting(id, for: user.id.rawValue, on: connection, logger: logger)
        }
    }

    public func meetingList(for user: UserID, expiryHours: Int) async throws -> MeetingList {
        let logger = logger
        return try await context.read { connection in
            var incoming: [MeetingRequest] = []
            for id in try await connection.values("SELECT id FROM meeting_requests WHERE to_id = \(user) ORDER BY id DESC LIMIT 200",
                                                  as: MeetingRequestID.self, logger: logger) {
                incoming.append(try await Self.request(id, expiryHours: expiryHours, on: connection, logger: logger))
            }
            var outgoing: [MeetingRequest] = []
            for id in try await connection.values("SELECT id FROM meeting_requests WHERE from_id = \(user) ORDER BY id DESC LIMIT 200",
                                                  as: MeetingRequestID.self, logger: logger) {
                outgoing.append(try await Self.request(id, expiryHours: expiryHours, on: connection, logger: logger))
            }
            var meetings: [Meeting] = []
            for id in try await connection.values("""
                SELECT m.id FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id WHERE m.a_id = \(user) OR m.b_id = \(user) ORDER BY s.starts_at, m.id
                """, as: MeetingID.self, logger: logger) {
                meetings.append(try await Self.meeting(id, for: user.rawValue, on: connection, logger: logger))
            }
            return MeetingList(incoming: incoming, outgoing: outgoing, meetings: meetings)
        }
    }
}
