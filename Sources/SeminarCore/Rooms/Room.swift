/// A room as stored: a session's, the channel, a breakout group or a meeting table, with its host settings.
public struct Room: Sendable, Equatable {
    public let id: RoomID
    public let sessionId: SessionID?
    /// `session`, `channel`, `breakout` or `meeting`.
    public let kind: String
    /// A breakout group's main room (nil for every other room).
    public let parentRoomId: RoomID?
    public let state: RoomState
    public let locked: Bool
    public let capacity: Int?
    /// A live stream's address by language.
    public let streams: [String: String]
    public let pinnedMessageId: ChatMessageID?
    /// The session's title, or the room's own name.
    public let title: LocalizedText
    public let startsAt: Timestamp?
    public let endsAt: Timestamp?

    public init(id: RoomID, sessionId: SessionID?, kind: String, parentRoomId: RoomID?, state: RoomState, locked: Bool, capacity: Int?,
                streams: [String: String], pinnedMessageId: ChatMessageID?, title: LocalizedText, startsAt: Timestamp?, endsAt: Timestamp?) {
        self.id = id
        self.sessionId = sessionId
        self.kind = kind
        self.parentRoomId = parentRoomId
        self.state = state
        self.locked = locked
        self.capacity = capacity
        self.streams = streams
        self.pinnedMessageId = pinnedMessageId
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    public var topic: Topic { .room(id) }
}

/// What a person finds on entering a room, as stored: the room, the latest chat, its questions and polls as they see
/// them, whether they host it or are muted, and its running breakout groups (who is there and hands are live state).
public struct RoomEntry: Sendable, Equatable {
    public let room: Room
    public let chat: [ChatMessage]
    public let questions: [Question]
    public let polls: [PollTally]
    public let isHost: Bool
    /// Until when they may not speak here, if a host muted them.
    public let mutedUntil: Timestamp?
    public let breakout: RunningBreakouts?

    public init(room: Room, chat: [ChatMessage], questions: [Question], polls: [PollTally], isHost: Bool, mutedUntil: Timestamp?,
                breakout: RunningBreakouts?) {
        self.room = room
        self.chat = chat
        self.questions = questions
        self.polls = polls
        self.isHost = isHost
        self.mutedUntil = mutedUntil
        self.breakout = breakout
    }
}
