/// A message in a room's chat, as everyone in the room sees it (its author with the badge they speak with there).
public struct ChatMessage: Sendable, Equatable {
    public let id: Int64
    public let roomId: Int64
    public let author: Author
    public let text: String
    /// The message this one answers, in the same room.
    public let replyTo: Int64?
    public let at: Timestamp

    public init(id: Int64, roomId: Int64, author: Author, text: String, replyTo: Int64?, at: Timestamp) {
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
