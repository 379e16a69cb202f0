/// The life of a session room: `scheduled → open → live → ended`.
public enum RoomState: String, Sendable, Codable, CaseIterable {
    case scheduled, open, live, ended

    /// The host actions that move a room.
    public enum Action: String, Sendable, CaseIterable {
        case open, start, end
    }

    /// The state after `action`, or a `conflict` naming the illegal move.
    public func applying(_ action: Action) throws(DomainError) -> RoomState {
        switch (self, action) {
        case (.scheduled, .open): return .open
        case (.scheduled, .start), (.open, .start): return .live
        case (.open, .end), (.live, .end): return .ended
        case (.ended, .open): return .open  // a room can be reopened for a follow-up
        default:
            throw DomainError(.conflict, "A \(rawValue) room cannot \(action.rawValue)")
        }
    }

    /// Chat, questions and hands are taken only while the room is open or live.
    public var acceptsMessages: Bool { self == .open || self == .live }
}
