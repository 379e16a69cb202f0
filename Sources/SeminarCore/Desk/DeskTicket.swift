/// A "take me there" link in a desk message.
public struct DeskLink: Codable, Sendable, Equatable {
    public var kind: String
    public var roomId: RoomID?
    public var hash: String
    public var title: String
    public init(kind: String, roomId: RoomID?, hash: String, title: String) {
        self.kind = kind
        self.roomId = roomId
        self.hash = hash
        self.title = title
    }
}

/// A help ticket as the desk and its asker see it.
public struct Ticket: Sendable, Equatable {
    public let id: TicketID
    public let state: TicketState
    public let text: String
    /// The page the person asked from.
    public let page: String?
    public let roomId: RoomID?
    public let asker: Author
    /// The asker's profile photo (a file id), shown to agents.
    public let askerPhoto: FileID?
    public let agent: Author?
    public let createdAt: Timestamp
    public let claimedAt: Timestamp?
    public let resolvedAt: Timestamp?
    /// Its place in the queue (1 = next) and the expected wait, only while waiting.
    public let position: Int?
    public let estimatedWaitMs: Int64?

    public init(id: TicketID, state: TicketState, text: String, page: String?, roomId: RoomID?, asker: Author, askerPhoto: FileID?, agent: Author?,
                createdAt: Timestamp, claimedAt: Timestamp?, resolvedAt: Timestamp?, position: Int?, estimatedWaitMs: Int64?) {
        self.id = id
        self.state = state
        self.text = text
        self.page = page
        self.roomId = roomId
        self.asker = asker
        self.askerPhoto = askerPhoto
        self.agent = agent
        self.createdAt = createdAt
        self.claimedAt = claimedAt
        self.resolvedAt = resolvedAt
        self.position = position
        self.estimatedWaitMs = estimatedWaitMs
    }
}

/// A line of a ticket's conversation; `link` makes it a "take me there".
public struct DeskMessage: Sendable, Equatable {
    public let id: DeskMessageID
    public let ticketId: TicketID
    public let author: Author
    public let text: String
    public let link: DeskLink?
    public let at: Timestamp

    public init(id: DeskMessageID, ticketId: TicketID, author: Author, text: String, link: DeskLink?, at: Timestamp) {
        self.id = id
        self.ticketId = ticketId
        self.author = author
        self.text = text
        self.link = link
        self.at = at
    }
}

/// A ticket (none when the person never asked) with its whole conversation and the reader's read mark.
public struct TicketConversation: Sendable, Equatable {
    public let ticket: Ticket?
    public let messages: [DeskMessage]
    /// The last message the reader read (on any device), if any.
    public let readUpTo: DeskMessageID?
    /// Messages after the mark that are not the reader's own.
    public let unread: Int

    public init(ticket: Ticket?, messages: [DeskMessage], readUpTo: DeskMessageID?, unread: Int) {
        self.ticket = ticket
        self.messages = messages
        self.readUpTo = readUpTo
        self.unread = unread
    }
}

/// The waiting tickets in queue order and the claimed ones, as agents see them.
public struct TicketQueue: Sendable, Equatable {
    public let waiting: [Ticket]
    public let claimed: [Ticket]

    public init(waiting: [Ticket], claimed: [Ticket]) {
        self.waiting = waiting
        self.claimed = claimed
    }
}

/// A waiting person's place in the queue and expected wait.
public struct DeskPosition: Sendable, Equatable {
    public let asker: UserID
    public let ticketId: TicketID
    /// 1 = next.
    public let position: Int
    public let estimatedWaitMs: Int64

    public init(asker: UserID, ticketId: TicketID, position: Int, estimatedWaitMs: Int64) {
        self.asker = asker
        self.ticketId = ticketId
        self.position = position
        self.estimatedWaitMs = estimatedWaitMs
    }
}

/// The desk's figures for organisers: the queue now, today's resolved tickets, median wait and handling, per agent.
public struct DeskReport: Sendable, Equatable {
    public struct Agent: Sendable, Equatable {
        public let agent: Author
        public let handled: Int
        public let open: Int
        public let medianHandlingMs: Int64?

        public init(agent: Author, handled: Int, open: Int, medianHandlingMs: Int64?) {
            self.agent = agent
            self.handled = handled
            self.open = open
            self.medianHandlingMs = medianHandlingMs
        }
    }

    public let waiting: Int
    public let claimed: Int
    public let resolvedToday: Int
    public let medianWaitMs: Int64?
    public let medianHandlingMs: Int64?
    public let agents: [Agent]

    public init(waiting: Int, claimed: Int, resolvedToday: Int, medianWaitMs: Int64?, medianHandlingMs: Int64?, agents: [Agent]) {
        self.waiting = waiting
        self.claimed = claimed
        self.resolvedToday = resolvedToday
        self.medianWaitMs = medianWaitMs
        self.medianHandlingMs = medianHandlingMs
        self.agents = agents
    }
}
