/// One breakout group as its members learn of it: its own room, the main room it came from, its number, when it ends
/// and who is in it.
public struct BreakoutGroup: Sendable, Equatable {
    public let roomId: RoomID
    public let parentRoomId: RoomID
    public let group: Int
    public let endsAt: Timestamp
    public let members: [Author]

    public init(roomId: RoomID, parentRoomId: RoomID, group: Int, endsAt: Timestamp, members: [Author]) {
        self.roomId = roomId
        self.parentRoomId = parentRoomId
        self.group = group
        self.endsAt = endsAt
        self.members = members
    }
}

/// The breakout groups running under a room, as one person entering it sees them: how many, when they end, and the
/// person's own group's room.
public struct RunningBreakouts: Sendable, Equatable {
    public let groups: Int
    public let endsAt: Timestamp
    public let yourRoomId: RoomID?

    public init(groups: Int, endsAt: Timestamp, yourRoomId: RoomID?) {
        self.groups = groups
        self.endsAt = endsAt
        self.yourRoomId = yourRoomId
    }
}
