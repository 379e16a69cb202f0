/// A change to what one person may do, told on their own topic (their pages redraw what the role shows).
public enum AccessEvent: Sendable, Equatable {
    /// Their role changed (`roomId`: the session room they were made a host of, if any).
    case roleChanged(role: Role, roomId: RoomID?)
    /// They host `roomId`'s session now, or no longer.
    case hostingChanged(roomId: RoomID, hosting: Bool)
}
