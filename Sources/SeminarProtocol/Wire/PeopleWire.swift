import SeminarCore

/// Direct messages on the wire: the views clients read, and each ``PeopleEvent``'s type and data.
extension PeopleEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .directMessage(let message): try EventType.dmMessage.with(DMView(message))
        case .directMessagesRead(let with): try EventType.dmRead.with(["with": with])
        }
    }
}

extension DMView {
    /// A direct message, its time as ISO 8601.
    public init(_ message: DirectMessage) {
        self.init(id: message.id.rawValue, from: AuthorView(message.from), to: AuthorView(message.to), text: message.text, at: message.at.iso8601)
    }
}

extension DMHistoryReply {
    /// A page of a conversation.
    public init(_ page: DirectMessagePage) {
        self.init(messages: page.messages.map(DMView.init), more: page.more)
    }
}

extension ConversationView {
    /// A conversation's last message and unread count.
    public init(_ conversation: Conversation) {
        self.init(with: AuthorView(conversation.with), lastText: conversation.lastText, lastAt: conversation.lastAt.iso8601, unread: conversation.unread)
    }
}

extension PersonView {
    /// A person as others see them (no email).
    public init(_ person: Person) {
        self.init(id: person.id.rawValue, displayName: person.displayName, profile: person.profile, online: person.online)
    }
}

extension InterestView {
    /// An interest of the list.
    public init(_ interest: Interest) {
        self.init(key: interest.key, name: interest.name)
    }
}

extension Interest {
    /// The domain interest a client sent (`interests.set`).
    public init(_ view: InterestView) {
        self.init(key: view.key, name: view.name)
    }
}
