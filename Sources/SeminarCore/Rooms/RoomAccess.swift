/// Where a person stands in a room after moderation.
public struct RoomStanding: Sendable, Equatable {
    public var mutedUntil: Timestamp?
    public var removed: Bool

    public init(mutedUntil: Timestamp? = nil, removed: Bool = false) {
        self.mutedUntil = mutedUntil
        self.removed = removed
    }
}

/// What the room rules need to know of one room and one person, read together.
public struct RoomFacts: Sendable, Equatable {
    public var roomId: RoomID
    /// `session`, `meeting` (a two-person table), `breakout` (a group of a session room), `channel`, …
    public var kind: String
    public var state: RoomState
    public var locked: Bool
    /// nil: no limit.
    public var capacity: Int?
    /// An organiser, or a host of the room's session (a breakout's: its parent room's session).
    public var isHost: Bool
    public var standing: RoomStanding
    /// One of a meeting table's two people, or one of a breakout group's members; nil for other rooms.
    public var isMember: Bool?

    public init(roomId: RoomID, kind: String, state: RoomState, locked: Bool = false, capacity: Int? = nil, isHost: Bool = false,
                standing: RoomStanding = RoomStanding(), isMember: Bool? = nil) {
        self.roomId = roomId
        self.kind = kind
        self.state = state
        self.locked = locked
        self.capacity = capacity
        self.isHost = isHost
        self.standing = standing
        self.isMember = isMember
    }
}

/// What a person asks to do in a room.
public enum RoomAct: Sendable, Equatable {
    /// Come in (`room.enter`, or `subscribe room:<id>`). `alreadyIn`: the person is in the room on another socket (or
    /// this one) and takes no new place; `present`: how many people are in.
    case enter(alreadyIn: Bool, present: Int)
    /// Keep a subscription after the person's role or standing changed (lock and capacity are for newcomers).
    case stay
    /// Read the room's history (`chat.history`).
    case read
    /// Send a chat message or ask a question.
    case speak
    /// Vote for a question or answer a poll.
    case vote
    /// Raise a hand.
    case raiseHand
    /// Send a reaction.
    case react
    /// Run the room: state, lock, streams, pins, moderation, polls, breakouts, hands of others.
    case host
}

/// The one answer to "may this person be in this room, and do this": the same whichever message asks.
public enum RoomAccess {
    /// - Parameter entered: whether the asking socket has entered the room (holds its subscription).
    public static func decide(_ act: RoomAct, _ facts: RoomFacts, entered: Bool, now: Timestamp) -> Result<Void, DomainError> {
        if case .host = act {
            return facts.isHost ? .success(()) : .failure(RoomHosting.refusal)
        }
        if facts.standing.removed { return .failure(DomainError(.forbidden, "You were removed from this room", field: "roomId")) }
        if let refusal = membership(facts) { return .failure(refusal) }
        switch act {
        case .enter(let alreadyIn, let present):
            guard !facts.isHost, !alreadyIn else { return .success(()) }
            if facts.locked { return .failure(DomainError(.forbidden, "This room is locked", field: "roomId", detail: "locked")) }
            if let capacity = facts.capacity, present >= capacity {
                return .failure(DomainError(.conflict, "This room is full", field: "roomId", detail: "full"))
            }
            return .success(())
        case .stay:
            return .success(())
        case .read:
            return entered ? .success(()) : .failure(notEntered)
        case .speak, .vote, .raiseHand, .react:
            guard entered else { return .failure(notEntered) }
            guard facts.state.acceptsMessages else {
                return .failure(DomainError(.conflict, "This room is \(facts.state.rawValue): it takes part only while open or live", field: "roomId"))
            }
            if let until = facts.standing.mutedUntil, until > now {
                return .failure(DomainError(.forbidden, "You are muted in this room", retryAfterMs: Int(until.milliseconds - now.milliseconds)))
            }
            return .success(())
        case .host:
            return .success(())
        }
    }

    private static let notEntered = DomainError(.forbidden, "Enter the room first", field: "roomId")

    /// A meeting table is for its two people only (hosts included: it is private); a breakout group for its members
    /// and the hosts of its session.
    private static func membership(_ facts: RoomFacts) -> DomainError? {
        switch facts.kind {
        case "meeting" where facts.isMember != true:
            return DomainError(.forbidden, "A meeting table is for its two people only", field: "roomId")
        case "breakout" where facts.isMember != true && !facts.isHost:
            return DomainError(.forbidden, "This breakout group is for its members", field: "roomId")
        default:
            return nil
        }
    }
}
