/// A booked (or cancelled) meeting as one of its two people sees it: the slot, the table, the other person.
public struct Meeting: Sendable, Equatable {
    public let id: MeetingID
    public let slot: MeetingSlot
    public let table: Int
    /// The other person.
    public let with: Author
    /// The meeting's video table (its room).
    public let roomId: RoomID?
    /// `booked` or `cancelled`.
    public let status: String
    public let checkedIn: Bool
    public let otherCheckedIn: Bool

    public init(id: MeetingID, slot: MeetingSlot, table: Int, with: Author, roomId: RoomID?, status: String, checkedIn: Bool, otherCheckedIn: Bool) {
        self.id = id
        self.slot = slot
        self.table = table
        self.with = with
        self.roomId = roomId
        self.status = status
        self.checkedIn = checkedIn
        self.otherCheckedIn = otherCheckedIn
    }
}

/// One person's request to meet another in one of the proposed slots.
public struct MeetingRequest: Sendable, Equatable {
    public let id: MeetingRequestID
    public let from: Author
    public let to: Author
    /// The proposed slots, in time order.
    public let slots: [MeetingSlot]
    public let message: String
    public let status: RequestStatus
    /// Why it was declined, when the invitee said.
    public let reason: String?
    public let createdAt: Timestamp
    public let expiresAt: Timestamp

    public init(id: MeetingRequestID, from: Author, to: Author, slots: [MeetingSlot], message: String, status: RequestStatus, reason: String?,
                createdAt: Timestamp, expiresAt: Timestamp) {
        self.id = id
        self.from = from
        self.to = to
        self.slots = slots
        self.message = message
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A slot of the grid as one person sees it: how many tables are still free, whether they said they are available.
public struct GridSlot: Sendable, Equatable {
    public let slot: MeetingSlot
    public let freeTables: Int
    public let available: Bool

    public init(slot: MeetingSlot, freeTables: Int, available: Bool) {
        self.slot = slot
        self.freeTables = freeTables
        self.available = available
    }
}

/// A person's requests (asked of them, asked by them; the latest 200 each) and meetings in time order.
public struct MeetingList: Sendable, Equatable {
    public let incoming: [MeetingRequest]
    public let outgoing: [MeetingRequest]
    public let meetings: [Meeting]

    public init(incoming: [MeetingRequest], outgoing: [MeetingRequest], meetings: [Meeting]) {
        self.incoming = incoming
        self.outgoing = outgoing
        self.meetings = meetings
    }
}
