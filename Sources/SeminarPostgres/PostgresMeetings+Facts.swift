import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// What the meeting rules read, inside a meeting use case's transaction.
extension PostgresMeetings {
    static func slots(on connection: PostgresConnection, logger: Logger) async throws -> [SlotID: MeetingSlot] {
        var grid: [SlotID: MeetingSlot] = [:]
        for try await (id, startsAt, endsAt, tables) in try await connection.query("SELECT id, starts_at, ends_at, tables FROM meeting_slots",
                                                                                   logger: logger).decode((SlotID, Int64, Int64, Int).self) {
            grid[id] = MeetingSlot(id: id, startsAt: Timestamp(milliseconds: startsAt), endsAt: Timestamp(milliseconds: endsAt), tables: tables)
        }
        return grid
    }

    /// `user`'s time for the meeting rules: slots where they are booked or held by a pending request, their agenda.
    static func busyTimes(of user: Int64, on connection: PostgresConnection, logger: Logger) async throws -> BusyTimes {
        let booked = Set(try await connection.values("SELECT slot_id FROM meetings WHERE status = 'booked' AND (a_id = \(user) OR b_id = \(user))",
                                                     as: SlotID.self, logger: logger))
        let held = Set(try await connection.values("""
            SELECT s.slot_id FROM meeting_request_slots s JOIN meeting_requests r ON r.id = s.request_id
            WHERE r.status = 'pending' AND (r.from_id = \(user) OR r.to_id = \(user))
            """, as: SlotID.self, logger: logger))
        var sessions: [BookmarkedSession] = []
        for try await (title, startsAt, endsAt) in try await connection.query("""
            SELECT s.title, s.starts_at, s.ends_at FROM agenda_items a JOIN sessions s ON s.id = a.session_id WHERE a.user_id = \(user)
            """, logger: logger).decode((String, Int64, Int64).self) {
            sessions.append(BookmarkedSession(title: ((try? ColumnJSON.decode(title) as LocalizedText)?.resolved(.en)?.text) ?? "a session",
                                              startsAt: Timestamp(milliseconds: startsAt), endsAt: Timestamp(milliseconds: endsAt)))
        }
        return BusyTimes(booked: booked, held: held, sessions: sessions)
    }

    static func request(_ id: MeetingRequestID, expiryHours: Int, on connection: PostgresConnection, logger: Logger) async throws -> MeetingRequest {
        var found: MeetingRequest?
        let grid = try await slots(on: connection, logger: logger)
        let slotIDs = try await connection.values("SELECT slot_id FROM meeting_request_slots WHERE request_id = \(id)", as: SlotID.self, logger: logger)
        for try await (fromID, fromName, toID, toName, message, statusName, reason, createdAt) in try await connection.query("""
            SELECT r.from_id, f.display_name, r.to_id, t.display_name, r.message, r.status, r.reason, r.created_at FROM meeting_requests r
            JOIN users f ON f.id = r.from_id JOIN users t ON t.id = r.to_id WHERE r.id = \(id)
            """, logger: logger).decode((Int64, String, Int64, String, String, String, String?, Int64).self) {
            guard let status = RequestStatus(rawValue: statusName) else { throw DomainError(.internal, "request \(id) has an unknown status") }
            let created = Timestamp(milliseconds: createdAt)
            found = MeetingRequest(id: id, from: Author(id: UserID(fromID), displayName: fromName), to: Author(id: UserID(toID), displayName: toName),
                                   slots: slotIDs.compactMap { grid[$0] }.sorted { $0.startsAt < $1.startsAt }, message: message, status: status,
                                   reason: reason, createdAt: created, expiresAt: created.adding(seconds: Int64(expiryHours) * 3600))
        }
        guard let found else { throw DomainError(.notFound, "No such request", field: "requestId") }
        return found
    }

    /// A request's two people and state, for ``MeetingRules``.
    static func requestFacts(_ id: MeetingRequestID, on connection: PostgresConnection, logger: Logger) async throws -> RequestFacts {
        var found: RequestFacts?
        for try await (from, to, statusName, createdAt) in try await connection.query(
            "SELECT from_id, to_id, status, created_at FROM meeting_requests WHERE id = \(id)", logger: logger).decode((Int64, Int64, String, Int64).self) {
            guard let status = RequestStatus(rawValue: statusName) else { throw DomainError(.internal, "request \(id) has an unknown status") }
            found = RequestFacts(from: from, to: to, status: status, createdAt: Timestamp(milliseconds: createdAt))
        }
        guard let found else { throw DomainError(.notFound, "No such request", field: "requestId") }
        return found
    }

    /// A meeting as stored: its two people and state (``MeetingFacts``), slot, table, room and check-ins.
    struct MeetingRow {
        let facts: MeetingFacts
        let slot: SlotID
        let table: Int
        let room: RoomID?
        let aCheckedIn: Bool
        let bCheckedIn: Bool
    }

    static func meetingRow(_ id: MeetingID, on connection: PostgresConnection, logger: Logger) async throws -> MeetingRow {
        var found: MeetingRow?
        for try await (a, b, status, slot, table, room, aIn, bIn) in try await connection.query("""
            SELECT a_id, b_id, status, slot_id, table_no, room_id, a_checked_in, b_checked_in FROM meetings WHERE id = \(id)
            """, logger: logger).decode((Int64, Int64, String, SlotID, Int, RoomID?, Bool, Bool).self) {
            found = MeetingRow(facts: MeetingFacts(a: a, b: b, status: status), slot: slot, table: table, room: room, aCheckedIn: aIn, bCheckedIn: bIn)
        }
        guard let found else { throw DomainError(.notFound, "No such meeting", field: "meetingId") }
        return found
    }

    /// A meeting as one of its two people sees it; to anyone else there is no such meeting.
    static func meeting(_ id: MeetingID, for user: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Meeting {
        let row = try await meetingRow(id, on: connection, logger: logger)
        guard user == row.facts.a || user == row.facts.b else { throw DomainError(.notFound, "No such meeting", field: "meetingId") }
        guard let slot = try await slots(on: connection, logger: logger)[row.slot] else { throw DomainError(.internal, "meeting without slot") }
        let isA = user == row.facts.a
        let other = try await PostgresPeople.person(isA ? row.facts.b : row.facts.a, on: connection, logger: logger)
        return Meeting(id: id, slot: slot, table: row.table, with: Author(id: other.id, displayName: other.displayName), roomId: row.room,
                       status: row.facts.status, checkedIn: isA ? row.aCheckedIn : row.bCheckedIn, otherCheckedIn: isA ? row.bCheckedIn : row.aCheckedIn)
    }

    /// Queues the mail of one meeting notice to `recipient`, in the caller's transaction.
    static func mailNotice(_ event: MeetingNotice.Event, to recipient: Int64, other: Int64, slots: [MeetingNotice.Span], table: Int? = nil,
                           meetingID: MeetingID? = nil, note: String = "", compose: MeetingNotice.Composer, now: Timestamp,
                           on connection: PostgresConnection, logger: Logger) async throws {
        let notice = MeetingNotice(event: event, recipient: try await PostgresMailOutbox.person(UserID(recipient), on: connection, logger: logger),
                                   other: try await PostgresMailOutbox.person(UserID(other), on: connection, logger: logger), slots: slots,
                                   table: table, meetingID: meetingID, note: note)
        _ = try await PostgresMailOutbox.enqueue(compose(notice, try await PostgresMailOutbox.seminar(on: connection, logger: logger), now), now: now,
                                                 on: connection, logger: logger)
    }
}
