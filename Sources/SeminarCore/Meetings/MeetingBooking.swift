/// A new meeting request as its decision needs it.
public struct MeetingProposal: Sendable, Equatable {
    public let from: Int64
    public let to: Int64
    /// The grid slots proposed, as sent.
    public let slots: [SlotID]?
    /// The requester saw that a slot overlaps a session in their agenda and keeps it.
    public let confirmOverlap: Bool

    public init(from: Int64, to: Int64, slots: [SlotID]?, confirmOverlap: Bool) {
        self.from = from
        self.to = to
        self.slots = slots
        self.confirmOverlap = confirmOverlap
    }
}

/// What accepting a request books: one of its slots, at the first free table.
public struct Booking: Sendable, Equatable {
    public let slot: MeetingSlot
    public let table: Int

    public init(slot: MeetingSlot, table: Int) {
        self.slot = slot
        self.table = table
    }
}

extension MeetingRules {
    /// Decides a new request: never to yourself; not between people either of whom blocked the other, nor to someone
    /// who takes no requests (`forbidden`); 1 to 5 future slots of the grid; none already booked or held by a pending
    /// request for either person (`conflict`); a slot over a session in the requester's agenda only with `confirmOverlap`
    /// (`conflict`, `detail: "overlap"`). Returns the slots to hold.
    public static func decide(_ proposal: MeetingProposal, grid: [SlotID: MeetingSlot], blocked: Bool, inviteeTakesRequests: Bool,
                              requester: BusyTimes, invitee: BusyTimes, now: Timestamp) throws(DomainError) -> [MeetingSlot] {
        guard proposal.to != proposal.from else { throw .invalid("to", "you cannot meet yourself") }
        if blocked || !inviteeTakesRequests { throw DomainError(.forbidden, "This person does not take meeting requests", field: "to") }
        let chosen = try validateProposal(proposal.slots, grid: grid, now: now)
        for (busy, whom) in [(requester, "you"), (invitee, "them")] {
            if let clash = chosen.first(where: { busy.booked.contains($0.id) || busy.held.contains($0.id) }) {
                throw DomainError(.conflict, "Slot \(clash.id) is already taken for \(whom)", field: "slots")
            }
        }
        if !proposal.confirmOverlap, let slot = chosen.first(where: { !requester.sessions(overlapping: $0).isEmpty }) {
            throw DomainError(.conflict, "Slot \(slot.id) overlaps a session in your agenda; confirm to keep it", field: "slots", detail: "overlap")
        }
        return chosen
    }

    /// Decides the invitee's accept (after ``decide(_:on:by:now:expiryHours:)``): the slot is one the request proposed,
    /// not yet started; neither person has booked another meeting then; a table is free (`conflict`, `detail: "full"`);
    /// a slot over a session in the invitee's agenda only with `confirmOverlap` (`detail: "overlap"`).
    public static func accept(_ request: RequestFacts, slot chosen: SlotID?, proposed: [MeetingSlot], by user: Int64, confirmOverlap: Bool,
                              requester: BusyTimes, invitee: BusyTimes, usedTables: Set<Int>, now: Timestamp,
                              expiryHours: Int) throws(DomainError) -> Booking {
        _ = try decide(.accept, on: request, by: user, now: now, expiryHours: expiryHours)
        guard let chosen, let slot = proposed.first(where: { $0.id == chosen }) else {
            throw .invalid("slot", "slot must be one of the proposed slots")
        }
        guard slot.startsAt > now else { throw DomainError(.conflict, "This slot has already started", field: "slot") }
        if requester.booked.contains(slot.id) { throw DomainError(.conflict, "They are already booked at that time", field: "slot") }
        if invitee.booked.contains(slot.id) { throw DomainError(.conflict, "You are already booked at that time", field: "slot") }
        guard slot.tables > 0, let table = (1...slot.tables).first(where: { !usedTables.contains($0) }) else {
            throw DomainError(.conflict, "No table is free at that time", field: "slot", detail: "full")
        }
        let overlaps = invitee.sessions(overlapping: slot)
        if !overlaps.isEmpty, !confirmOverlap {
            throw DomainError(.conflict, "This overlaps \(overlaps.joined(separator: ", ")) in your agenda; confirm to accept anyway",
                              field: "slot", detail: "overlap")
        }
        return Booking(slot: slot, table: table)
    }

    /// Decides a decline (the invitee) or a withdrawal (the requester); accepting goes through
    /// ``accept(_:slot:proposed:by:confirmOverlap:requester:invitee:usedTables:now:expiryHours:)``. Returns the new status.
    public static func close(_ action: RequestAction, on request: RequestFacts, by user: Int64, now: Timestamp,
                             expiryHours: Int) throws(DomainError) -> RequestStatus {
        guard action != .accept else { throw .invalid("type", "accept a request with meeting.accept") }
        return try decide(action, on: request, by: user, now: now, expiryHours: expiryHours)
    }

    /// Decides a check-in at the meeting's table: one of its two people, while booked, within ``CheckInWindow``. Returns
    /// whether anything changes: checking in again changes nothing (and is not refused, even once the window closed).
    public static func checkIn(_ meeting: MeetingFacts, by user: Int64, alreadyCheckedIn: Bool, slot: MeetingSlot,
                               now: Timestamp) throws(DomainError) -> Bool {
        _ = try decide(.checkIn, on: meeting, by: user)
        if alreadyCheckedIn { return false }
        try CheckInWindow.check(startsAt: slot.startsAt, endsAt: slot.endsAt, now: now)
        return true
    }

    /// Checks slots being added to the grid: none may overlap a slot already in it.
    public static func checkAddition(_ slots: [(start: Timestamp, end: Timestamp)], to grid: some Collection<MeetingSlot>) throws(DomainError) {
        for slot in slots where grid.contains(where: { $0.startsAt < slot.end && slot.start < $0.endsAt }) {
            throw .invalid("slots", "a new slot overlaps one already in the grid")
        }
    }
}
