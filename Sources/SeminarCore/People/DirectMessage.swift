/// A message from one person to another, outside any room.
public struct DirectMessage: Sendable, Equatable {
    public let id: DirectMessageID
    public let from: Author
    public let to: Author
    public let text: String
    public let at: Timestamp

    public init(id: DirectMessageID, from: Author, to: Author, text: String, at: Timestamp) {
        self.id = id
        self.from = from
        self.to = to
        self.text = text
        self.at = at
    }
}

/// A page of one conversation, oldest first, and whether older messages remain.
public struct DirectMessagePage: Sendable, Equatable {
    public let messages: [DirectMessage]
    public let more: Bool

    public init(messages: [DirectMessage], more: Bool) {
        self.messages = messages
        self.more = more
    }
}

/// One of a person's conversations: with whom, its last message, and how many of theirs the person has not read.
public struct Conversation: Sendable, Equatable {
    public let with: Author
    public let lastText: String
    public let lastAt: Timestamp
    public let unread: Int

    public init(with: Author, lastText: String, lastAt: Timestamp, unread: Int) {
        self.with = with
        self.lastText = lastText
        self.lastAt = lastAt
        self.unread = unread
    }
}
