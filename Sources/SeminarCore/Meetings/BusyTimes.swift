/// One person's time as the meeting rules see it: the grid slots where they have a booked meeting or a pending request,
/// and the sessions in their agenda.
public struct BusyTimes: Sendable, Equatable {
    /// Slots with a booked meeting.
    public let booked: Set<SlotID>
    /// Slots held by a pending request they made or were asked.
    public let held: Set<SlotID>
    /// The sessions they bookmarked.
    public let sessions: [BookmarkedSession]

    public init(booked: Set<SlotID> = [], held: Set<SlotID> = [], sessions: [BookmarkedSession] = []) {
        self.booked = booked
        self.held = held
        self.sessions = sessions
    }

    /// The titles of the bookmarked sessions that overlap `slot` (touching ends do not).
    public func sessions(overlapping slot: MeetingSlot) -> [String] {
        sessions.filter { $0.startsAt < slot.endsAt && slot.startsAt < $0.endsAt }.map(\.title)
    }
}

/// A session in a person's agenda, with the title a refusal names it by.
public struct BookmarkedSession: Sendable, Equatable {
    public let title: String
    public let startsAt: Timestamp
    public let endsAt: Timestamp

    public init(title: String, startsAt: Timestamp, endsAt: Timestamp) {
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
