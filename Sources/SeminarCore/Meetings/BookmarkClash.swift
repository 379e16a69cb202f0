/// A person who bookmarked a session means to be there: a meeting slot that overlaps it clashes with it.
public enum BookmarkClash {
    /// A session someone bookmarked: its time, and its id to name it by.
    public struct Session: Sendable, Equatable {
        public let id: SessionID
        public let startsAt: Timestamp
        public let endsAt: Timestamp
        public init(id: SessionID, startsAt: Timestamp, endsAt: Timestamp) {
            self.id = id
            self.startsAt = startsAt
            self.endsAt = endsAt
        }
    }

    /// Whether the slot and the session share any time (one ending as the other starts does not clash).
    public static func overlaps(_ slot: MeetingSlot, _ session: Session) -> Bool {
        slot.startsAt < session.endsAt && session.startsAt < slot.endsAt
    }

    /// The scheduler's mask of a person: bit `i` set when `slots[i]` overlaps one of their bookmarked `sessions`.
    public static func mask(slots: [MeetingSlot], sessions: [Session]) -> UInt64 {
        var mask: UInt64 = 0
        for (index, slot) in slots.prefix(64).enumerated() where sessions.contains(where: { overlaps(slot, $0) }) {
            mask |= 1 << UInt64(index)
        }
        return mask
    }

    /// The sessions among `sessions` that `slot` overlaps.
    public static func clashing(_ slot: MeetingSlot, _ sessions: [Session]) -> [Session] {
        sessions.filter { overlaps(slot, $0) }
    }
}
