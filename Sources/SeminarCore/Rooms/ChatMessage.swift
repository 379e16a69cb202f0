/// A message in a room's chat, as everyone in the room sees it (its author with the badge they speak with there).
public struct ChatMessage: Sendable, Equatable {
    public let id: ChatMessageID
    public let roomId: RoomID
    public let author: Author
    public let text: String
    /// The message this one answers, in the same room.
    public let replyTo: ChatMessageID?
    public let at: Timestamp

    public init(id: ChatMessageID, roomId: RoomID, author: Author, text: String, replyTo: ChatMessageID?, at: Timestamp) {
        self.id = id
        self.roomId = roomId
        self.author = author
        self.text = text
        self.replyTo = replyTo
        self.at = at
    }
}

/// A page of a room's chat, oldest first, and whether older messages remain.
public struct ChatPage: Sendable, Equatable {
    public let messages: [ChatMessage]
    public let more: Bool

    public init(messages: [ChatMessage], more: Bool) {
        self.messages = messages
        self.more = more
    }
}
