import GRDB
import SeminarCore

extension AppDatabase {
    static func slots(_ db: Database) throws -> [SlotID: MeetingSlot] {
        var grid: [SlotID: MeetingSlot] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM meeting_slots")) {
            let slot = MeetingSlot(id: row["id"], startsAt: Timestamp(milliseconds: row["starts_at"]),
                                   endsAt: Timestamp(milliseconds: row["ends_at"]), tables: row["tables"])
            grid[slot.id] = slot
        }
        return grid
    }

    /// Adds slots to the grid (organisers). The lounge is told (`grid.updated` with the whole grid) in the same
    /// transaction: a request form or an availability editor open in the lounge draws the new slots at once.
    public func addSlots(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int, now: Timestamp) async throws {
        try await writer.write { db in
            try MeetingRules.checkAddition(slots, to: try Self.slots(db).values)
            for slot in slots {
                try db.cachedStatement(sql: "INSERT INTO meeting_slots(starts_at, ends_at, tables) VALUES (?, ?, ?)").execute(
                               arguments: [slot.start.milliseconds, slot.end.milliseconds, tables])
            }
            let grid = try Self.slots(db).values.sorted { $0.startsAt < $1.startsAt }
            _ = try self.append(db, topic: .lounge, .meeting(.gridUpdated(grid)), at: now)
        }
    }

    /// The grid as `user` sees it: free tables per slot and whether they are available.
    public func grid(for user: UserID) async throws -> [GridSlot] {
        try await writer.read { db in
            let mine = Set(try SlotID.fetchAll(db.cachedStatement(sql: "SELECT slot_id FROM availability WHERE user_id = ?"), arguments: [user.rawValue]))
            let slots = try Self.slots(db).values.sorted { $0.startsAt < $1.startsAt }.map { slot in
                let used = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM meetings WHERE slot_id = ? AND status = 'booked'"), arguments: [slot.id]) ?? 0
                return GridSlot(slot: slot, freeTables: max(0, slot.tables - used), available: mine.contains(slot.id))
            }
            return slots
        }
    }

    public func setAvailability(user: UserID, slots: [SlotID]) async throws {
        try await writer.write { db in
            let grid = try Self.slots(db)
            for id in slots where grid[id] == nil { throw DomainError(.notFound, "No slot \(id) in the meeting grid", field: "slots") }
            try db.cachedStatement(sql: "DELETE FROM availability WHERE user_id = ?").execute(arguments: [user.rawValue])
            for id in Set(slots) {
                try db.cachedStatement(sql: "INSERT INTO availability(user_id, slot_id) VALUES (?, ?)").execute(arguments: [user.rawValue, id])
            }
        }
    }

    /// `user`'s time for the meeting rules: slots where they are booked or held by a pending request, their agenda.
    static func busyTimes(_ db: Database, user: Int64) throws -> BusyTimes {
        let booked = Set(try SlotID.fetchAll(db.cachedStatement(sql: "SELECT slot_id FROM meetings WHERE status = 'booked' AND (a_id = ? OR b_id = ?)"),
                                            arguments: [user, user]))
        let held = Set(try SlotID.fetchAll(db.cachedStatement(sql: """
            SELECT s.slot_id FROM meeting_request_slots s JOIN meeting_requests r ON r.id = s.request_id
            WHERE r.status = 'pending' AND (r.from_id = ? OR r.to_id = ?)
            """), arguments: [user, user]))
        let sessions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.title, s.starts_at, s.ends_at FROM agenda_items a JOIN sessions s ON s.id = a.session_id WHERE a.user_id = ?
            """), arguments: [user]).map { row in
            BookmarkedSession(title: ((try? decode(row["title"]) as LocalizedText)?.resolved(.en)?.text) ?? "a session",
                              startsAt: Timestamp(milliseconds: row["starts_at"]), endsAt: Timestamp(milliseconds: row["ends_at"]))
        }
        return BusyTimes(booked: booked, held: held, sessions: sessions)
    }

    static func meetingRequest(_ db: Database, id: MeetingRequestID, expiryHours: Int) throws -> MeetingRequest {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT r.*, f.display_name AS from_name, t.display_name AS to_name FROM meeting_requests r
            JOIN users f ON f.id = r.from_id JOIN users t ON t.id = r.to_id WHERE r.id = ?
            """), arguments: [id]) else { throw DomainError(.notFound, "No such request", field: "requestId") }
        let grid = try slots(db)
        let slotIDs = try SlotID.fetchAll(db.cachedStatement(sql: "SELECT slot_id FROM meeting_request_slots WHERE request_id = ?"), arguments: [id])
        let created = Timestamp(milliseconds: row["created_at"])
        guard let status = RequestStatus(rawValue: row["status"]) else { throw DomainError(.internal, "request \(id) has an unknown status") }
        return MeetingRequest(
            id: id, from: Author(id: row["from_id"], displayName: row["from_name"]), to: Author(id: row["to_id"], displayName: row["to_name"]),
            slots: slotIDs.compactMap { grid[$0] }.sorted { $0.startsAt < $1.startsAt }, message: row["message"],
            status: status, reason: row["reason"], createdAt: created, expiresAt: created.adding(seconds: Int64(expiryHours) * 3600))
    }

    /// A request's two people and state, for ``MeetingRules/decide(_:on:by:now:expiryHours:)``.
    static func requestFacts(_ db: Database, id: MeetingRequestID) throws -> RequestFacts {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT from_id, to_id, status, created_at FROM meeting_requests WHERE id = ?"),
                                         arguments: [id]) else { throw DomainError(.notFound, "No such request", field: "requestId") }
        guard let status = RequestStatus(rawValue: row["status"]) else { throw DomainError(.internal, "request \(id) has an unknown status") }
        return RequestFacts(from: row["from_id"], to: row["to_id"], status: status, createdAt: Timestamp(milliseconds: row["created_at"]))
    }

    /// A meeting's two people and state, for ``MeetingRules/decide(_:on:by:)``.
    static func meetingFacts(_ db: Database, id: MeetingID) throws -> (facts: MeetingFacts, row: Row) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM meetings WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No such meeting", field: "meetingId")
        }
        return (MeetingFacts(a: row["a_id"], b: row["b_id"], status: row["status"]), row)
    }

    static func meeting(_ db: Database, id: MeetingID, for user: Int64) throws -> Meeting {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT m.*, a.display_name AS a_name, b.display_name AS b_name FROM meetings m
            JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id WHERE m.id = ?
            """), arguments: [id]) else { throw DomainError(.notFound, "No such meeting", field: "meetingId") }
        let a: Int64 = row["a_id"], b: Int64 = row["b_id"]
        guard user == a || user == b else { throw DomainError(.notFound, "No such meeting", field: "meetingId") }
        guard let slot = try slots(db)[row["slot_id"]] else { throw DomainError(.internal, "meeting without slot") }
        let isA = user == a
        return Meeting(
            id: id, slot: slot, table: row["table_no"],
            with: isA ? Author(id: UserID(b), displayName: row["b_name"]) : Author(id: UserID(a), displayName: row["a_name"]),
            roomId: row["room_id"], status: row["status"],
            checkedIn: isA ? row["a_checked_in"] : row["b_checked_in"], otherCheckedIn: isA ? row["b_checked_in"] : row["a_checked_in"])
    }

    /// A person asks another for a meeting in one of the proposed slots. Held slots, bookings, blocks and people
    /// who do not take requests are refused; a clash with the requester's bookmarked sessions needs `confirmOverlap`.
    /// With `notify`, the person asked is mailed in the same transaction (unless they turned meeting notices off).
    /// The same `key` again gives the same request (as it is now), and makes nothing.
    public func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [SlotID]?, message: String, confirmOverlap: Bool,
                               key: String?, expiryHours: Int, now: Timestamp, notify: MeetingNotice.Composer? = nil) async throws -> MeetingRequest {
        try await writer.write { db in
            let made = try Self.idempotent(db, user: sender.id, key: key, type: MessageType.meetingRequest.rawValue, now: now) {
                let other = try Self.person(db, id: recipient, online: false)
                let chosen = try MeetingRules.decide(
                    MeetingProposal(from: sender.id.rawValue, to: recipient, slots: proposed, confirmOverlap: confirmOverlap), grid: try Self.slots(db),
                    blocked: try Self.blocked(db, around: sender.id).contains(UserID(recipient)), inviteeTakesRequests: other.profile.acceptsMeetings,
                    requester: try Self.busyTimes(db, user: sender.id.rawValue), invitee: try Self.busyTimes(db, user: recipient), now: now)
                try db.cachedStatement(sql: "INSERT INTO meeting_requests(from_id, to_id, message, status, created_at) VALUES (?, ?, ?, 'pending', ?)").execute(
                               arguments: [sender.id.rawValue, recipient, message, now.milliseconds])
                let id = MeetingRequestID(db.lastInsertedRowID)
                for slot in chosen {
                    try db.cachedStatement(sql: "INSERT INTO meeting_request_slots(request_id, slot_id) VALUES (?, ?)").execute(arguments: [id, slot.id])
                }
                let request = try Self.meetingRequest(db, id: id, expiryHours: expiryHours)
                _ = try self.append(db, topic: .user(UserID(recipient)), .meeting(.request(request)), at: now)
                _ = try self.append(db, topic: .user(sender.id), .meeting(.request(request)), at: now)
                if let notify {
                    try Self.mailNotice(db, .requested, to: recipient, other: sender.id.rawValue, slots: chosen.map { .init(start: $0.startsAt, end: $0.endsAt) },
                                        note: message, compose: notify, now: now)
                }
                return MadeRequest(id: id)
            }
            return try Self.meetingRequest(db, id: made.id, expiryHours: expiryHours)
        }
    }

    /// The invitee accepts one proposed slot: a table is taken and a meeting room opens for the two of them.
    /// With `notify`, both people are mailed the booked meeting with its `.ics`, in the same transaction.
    public func acceptMeeting(request id: MeetingRequestID, slot slotID: SlotID?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                              now: Timestamp, notify: MeetingNotice.Composer? = nil) async throws -> Meeting {
        try await writer.write { db in
            let request = try Self.requestFacts(db, id: id)
            let grid = try Self.slots(db)
            let proposed = try SlotID.fetchAll(db.cachedStatement(sql: "SELECT slot_id FROM meeting_request_slots WHERE request_id = ?"), arguments: [id])
                .compactMap { grid[$0] }
            let used = Set(try Int.fetchAll(db.cachedStatement(sql: "SELECT table_no FROM meetings WHERE slot_id = ? AND status = 'booked'"),
                                            arguments: [slotID?.rawValue ?? -1]))
            let booking = try MeetingRules.accept(request, slot: slotID, proposed: proposed, by: user.id.rawValue, confirmOverlap: confirmOverlap,
                                                  requester: try Self.busyTimes(db, user: request.from), invitee: try Self.busyTimes(db, user: request.to),
                                                  usedTables: used, now: now, expiryHours: expiryHours)
            let (slot, table) = (booking.slot, booking.table)
            try db.cachedStatement(sql: "INSERT INTO rooms(kind, state, name) VALUES ('meeting', 'open', ?)").execute(
                           arguments: [try Self.encode(LocalizedText(fr: "Rencontre", en: "Meeting", es: "Reunión"))])
            let room = RoomID(db.lastInsertedRowID)
            try db.cachedStatement(sql: """
                INSERT INTO meetings(request_id, slot_id, table_no, a_id, b_id, room_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'booked', ?)
                """).execute(arguments: [id, slot.id, table, request.from, request.to, room, now.milliseconds])
            let meeting = MeetingID(db.lastInsertedRowID)
            try db.cachedStatement(sql: "UPDATE meeting_requests SET status = 'accepted' WHERE id = ?").execute(arguments: [id])
            for person in [request.from, request.to] {
                _ = try self.append(db, topic: .user(UserID(person)), .meeting(.booked(try Self.meeting(db, id: meeting, for: person))), at: now)
                if let notify {
                    try Self.mailNotice(db, .accepted, to: person, other: person == request.from ? request.to : request.from,
                                        slots: [.init(start: slot.startsAt, end: slot.endsAt)], table: table, meetingID: meeting, compose: notify, now: now)
                }
            }
            return try Self.meeting(db, id: meeting, for: user.id.rawValue)
        }
    }

    /// The invitee declines (with an optional reason), or the requester withdraws (`cancelled`): decided first, so a
    /// refused one writes nothing and tells nobody.
    /// With `notify`, the other person is mailed (a declined request to its sender, a withdrawn one to whom it asked).
    public func closeRequest(_ id: MeetingRequestID, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                             now: Timestamp, notify: MeetingNotice.Composer? = nil) async throws -> MeetingRequest {
        try await writer.write { db in
            let facts = try Self.requestFacts(db, id: id)
            let status = try MeetingRules.close(action, on: facts, by: user.id.rawValue, now: now, expiryHours: expiryHours)
            try db.cachedStatement(sql: "UPDATE meeting_requests SET status = ?, reason = ? WHERE id = ?").execute(arguments: [status.rawValue, reason, id])
            let request = try Self.meetingRequest(db, id: id, expiryHours: expiryHours)
            for person in [facts.from, facts.to] {
                _ = try self.append(db, topic: .user(UserID(person)), .meeting(.request(request)), at: now)
            }
            if let notify {
                let declined = status == .declined
                try Self.mailNotice(db, declined ? .declined : .withdrawn, to: declined ? facts.from : facts.to, other: declined ? facts.to : facts.from,
                                    slots: request.slots.map { .init(start: $0.startsAt, end: $0.endsAt) }, note: declined ? reason ?? "" : "",
                                    compose: notify, now: now)
            }
            return request
        }
    }

    /// Either person cancels a booked meeting; the other is told (with `notify`, also by mail, with an `.ics` that
    /// cancels the calendar entry).
    public func cancelMeeting(_ id: MeetingID, by user: UserRecord, now: Timestamp, notify: MeetingNotice.Composer? = nil) async throws {
        try await writer.write { db in
            let (facts, row) = try Self.meetingFacts(db, id: id)
            let other = try MeetingRules.decide(.cancel, on: facts, by: user.id.rawValue)
            try db.cachedStatement(sql: "UPDATE meetings SET status = 'cancelled' WHERE id = ?").execute(arguments: [id])
            if let room = row["room_id"] as RoomID? { try db.cachedStatement(sql: "UPDATE rooms SET state = 'ended' WHERE id = ?").execute(arguments: [room]) }
            for person in [user.id.rawValue, other] {
                _ = try self.append(db, topic: .user(UserID(person)), .meeting(.cancelled(meetingId: id, by: user.id.rawValue)), at: now)
            }
            if let notify, let slot = try Self.slots(db)[row["slot_id"]] {
                try Self.mailNotice(db, .cancelled, to: other, other: user.id.rawValue, slots: [.init(start: slot.startsAt, end: slot.endsAt)],
                                    table: row["table_no"], meetingID: id, compose: notify, now: now)
            }
        }
    }

    /// Enqueues the mail of one meeting notice to `recipient`, in the caller's transaction.
    static func mailNotice(_ db: Database, _ event: MeetingNotice.Event, to recipient: Int64, other: Int64, slots: [MeetingNotice.Span],
                           table: Int? = nil, meetingID: MeetingID? = nil, note: String = "", compose: MeetingNotice.Composer, now: Timestamp) throws {
        let notice = MeetingNotice(event: event, recipient: try mailPerson(db, recipient), other: try mailPerson(db, other), slots: slots,
                                   table: table, meetingID: meetingID, note: note)
        try enqueueMail(db, compose(notice, try mailSeminar(db), now), now: now)
    }

    static func mailPerson(_ db: Database, _ id: Int64) throws -> MeetingNotice.Person {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT email, display_name, locale FROM users WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No person \(id)")
        }
        return MeetingNotice.Person(id: UserID(id), email: row["email"], name: row["display_name"], language: Language(rawValue: row["locale"]) ?? .en)
    }

    /// One of the two people checks in at the table, within ``CheckInWindow``; checking in again changes nothing and tells
    /// nobody.
    public func checkIn(meeting id: MeetingID, by user: UserRecord, now: Timestamp) async throws -> Meeting {
        try await writer.write { db in
            let (facts, row) = try Self.meetingFacts(db, id: id)
            guard let slot = try Self.slots(db)[row["slot_id"]] else { throw DomainError(.internal, "meeting without slot") }
            let already: Bool = user.id.rawValue == facts.a ? row["a_checked_in"] : row["b_checked_in"]
            if try MeetingRules.checkIn(facts, by: user.id.rawValue, alreadyCheckedIn: already, slot: slot, now: now) {
                try db.cachedStatement(sql: "UPDATE meetings SET \(user.id.rawValue == facts.a ? "a_checked_in" : "b_checked_in") = 1 WHERE id = ?").execute(
                    arguments: [id])
                if let room = row["room_id"] as RoomID? {
                    _ = try self.append(db, topic: .room(room), .meeting(.checkedIn(meetingId: id, userId: user.id.rawValue)), at: now)
                }
            }
            return try Self.meeting(db, id: id, for: user.id.rawValue)
        }
    }

    public func meetingList(for user: UserID, expiryHours: Int) async throws -> MeetingList {
        try await writer.read { db in
            let incoming = try MeetingRequestID.fetchAll(db.cachedStatement(sql: "SELECT id FROM meeting_requests WHERE to_id = ? ORDER BY id DESC LIMIT 200"), arguments: [user.rawValue])
                .map { try Self.meetingRequest(db, id: $0, expiryHours: expiryHours) }
            let outgoing = try MeetingRequestID.fetchAll(db.cachedStatement(sql: "SELECT id FROM meeting_requests WHERE from_id = ? ORDER BY id DESC LIMIT 200"), arguments: [user.rawValue])
                .map { try Self.meetingRequest(db, id: $0, expiryHours: expiryHours) }
            let meetings = try MeetingID.fetchAll(db.cachedStatement(sql: """
                SELECT m.id FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id WHERE m.a_id = ? OR m.b_id = ? ORDER BY s.starts_at
                """), arguments: [user.rawValue, user.rawValue]).map { try Self.meeting(db, id: $0, for: user.rawValue) }
            return MeetingList(incoming: incoming, outgoing: outgoing, meetings: meetings)
        }
    }

    /// The other person of a booked meeting of `user`.
    public func meetingPartner(meeting id: MeetingID, of user: UserID) async throws -> Int64 {
        try await writer.read { db in
            try MeetingRules.decide(.signal, on: try Self.meetingFacts(db, id: id).facts, by: user.rawValue)
        }
    }

    /// Pending requests older than the expiry become `expired`; both people are told.
    @discardableResult
    public func expireRequests(now: Timestamp, expiryHours: Int) async throws -> Int {
        try await writer.write { db in
            let cutoff = now.milliseconds - Int64(expiryHours) * 3_600_000
            let ids = try MeetingRequestID.fetchAll(db.cachedStatement(sql: "SELECT id FROM meeting_requests WHERE status = 'pending' AND created_at <= ?"), arguments: [cutoff])
            for id in ids {
                try db.cachedStatement(sql: "UPDATE meeting_requests SET status = 'expired' WHERE id = ?").execute(arguments: [id])
                let request = try Self.meetingRequest(db, id: id, expiryHours: expiryHours)
                for person in [request.from.id, request.to.id] {
                    _ = try self.append(db, topic: .user(UserID(person.rawValue)), .meeting(.request(request)), at: now)
                }
            }
            return ids.count
        }
    }
}

/// What a request's idempotency key keeps: the request made (a key kept before this read the whole request, which has
/// its `id` too). Both stores keep it so.
package struct MadeRequest: Codable, Sendable {
    package let id: MeetingRequestID

    package init(id: MeetingRequestID) {
        self.id = id
    }
}
