import SeminarCore

/// A help ticket as the asker and the agents see it.
public struct TicketView: Codable, Sendable, Equatable {
    public var id: Int64
    public var state: TicketState
    public var text: String
    public var page: String?
    public var roomId: Int64?
    public var asker: AuthorView
    public var agent: AuthorView?
    public var createdAt: String
    public var claimedAt: String?
    public var resolvedAt: String?
    /// 1 = next; only while waiting.
    public var position: Int?
    public var estimatedWaitMs: Int64?

    public init(id: Int64, state: TicketState, text: String, page: String?, roomId: Int64?, asker: AuthorView, agent: AuthorView?,
                createdAt: String, claimedAt: String?, resolvedAt: String?, position: Int? = nil, estimatedWaitMs: Int64? = nil) {
        self.id = id
        self.state = state
        self.text = text
        self.page = page
        self.roomId = roomId
        self.asker = asker
        self.agent = agent
        self.createdAt = createdAt
        self.claimedAt = claimedAt
        self.resolvedAt = resolvedAt
        self.position = position
        self.estimatedWaitMs = estimatedWaitMs
    }
}

/// One line of a ticket's conversation.
public struct DeskMessageView: Codable, Sendable, Equatable {
    public var id: Int64
    public var ticketId: Int64
    public var author: AuthorView
    public var text: String
    public var link: DeskLink?
    public var at: String
    public init(id: Int64, ticketId: Int64, author: AuthorView, text: String, link: DeskLink?, at: String) {
        self.id = id
        self.ticketId = ticketId
        self.author = author
        self.text = text
        self.link = link
        self.at = at
    }
}

public struct TicketReply: Codable, Sendable {
    public let ticket: TicketView
    public init(ticket: TicketView) { self.ticket = ticket }
}

public struct TicketTranscript: Codable, Sendable {
    public let ticket: TicketView?
    public let messages: [DeskMessageView]
    /// The reader's read mark in this conversation (the last message they read, on any device), if any.
    public let readUpTo: Int64?
    /// Messages after the mark that are not the reader's own.
    public let unread: Int
    public init(ticket: TicketView?, messages: [DeskMessageView], readUpTo: Int64? = nil, unread: Int = 0) {
        self.ticket = ticket
        self.messages = messages
        self.readUpTo = readUpTo
        self.unread = unread
    }
}

/// `desk.read`: the reader has read the ticket's conversation up to the message `upTo`.
public struct DeskReadRequest: Codable, Sendable {
    public let ticketId: Int64?
    public let upTo: Int64?
}

/// The reply to `desk.read`, and the event on the reader's own `user:` topic (their other tabs and devices clear the
/// count): `{ticketId, upTo}` with the mark as it now stands.
public struct DeskReadMark: Codable, Sendable, Equatable {
    public let ticketId: Int64
    public let upTo: Int64
    public init(ticketId: Int64, upTo: Int64) {
        self.ticketId = ticketId
        self.upTo = upTo
    }
}

/// The queue as agents see it (also the `desk` topic's snapshot).
public struct DeskQueueView: Codable, Sendable {
    public let waiting: [TicketView]
    public let claimed: [TicketView]
    public let agentsOnline: Int
    public init(waiting: [TicketView], claimed: [TicketView], agentsOnline: Int) {
        self.waiting = waiting
        self.claimed = claimed
        self.agentsOnline = agentsOnline
    }
}

public struct DeskPositionEvent: Codable, Sendable {
    public let ticketId: Int64
    public let position: Int
    public let estimatedWaitMs: Int64
    public init(ticketId: Int64, position: Int, estimatedWaitMs: Int64) {
        self.ticketId = ticketId
        self.position = position
        self.estimatedWaitMs = estimatedWaitMs
    }
}

public struct AgentStats: Codable, Sendable, Equatable {
    public let agent: AuthorView
    public let handled: Int
    public let open: Int
    public let medianHandlingMs: Int64?
    public init(agent: AuthorView, handled: Int, open: Int, medianHandlingMs: Int64?) {
        self.agent = agent
        self.handled = handled
        self.open = open
        self.medianHandlingMs = medianHandlingMs
    }
}

public struct DeskStatsReply: Codable, Sendable {
    public let open: Int
    public let waiting: Int
    public let claimed: Int
    public let resolvedToday: Int
    public let medianWaitMs: Int64?
    public let medianHandlingMs: Int64?
    public let agents: [AgentStats]
    public init(open: Int, waiting: Int, claimed: Int, resolvedToday: Int, medianWaitMs: Int64?, medianHandlingMs: Int64?, agents: [AgentStats]) {
        self.open = open
        self.waiting = waiting
        self.claimed = claimed
        self.resolvedToday = resolvedToday
        self.medianWaitMs = medianWaitMs
        self.medianHandlingMs = medianHandlingMs
        self.agents = agents
    }
}

public struct DeskAskRequest: Codable, Sendable {
    public let text: String?
    public let page: String?
    public let roomId: Int64?
}

public struct DeskMessageRequest: Codable, Sendable {
    public let ticketId: Int64?
    public let text: String?
}

public struct TicketRequest: Codable, Sendable {
    public let ticketId: Int64?
}

public struct DeskGuideRequest: Codable, Sendable {
    public let ticketId: Int64?
    public let roomId: Int64?
    public let hash: String?
    public let text: String?
}

public struct FaqListRequest: Codable, Sendable {
    public let q: String?
}

public struct FaqUpsertRequest: Codable, Sendable {
    public let id: Int64?
    public let question: LocalizedText?
    public let answer: LocalizedText?
    public let position: Int?
}

public struct FaqDeleteRequest: Codable, Sendable {
    public let id: Int64?
}

public struct FaqListReply: Codable, Sendable {
    public let entries: [FaqEntry]
    public init(entries: [FaqEntry]) { self.entries = entries }
}

/// The desk's hours and load, for the guide.
public struct DeskStatus: Codable, Sendable {
    public let open: Bool
    public let opens: String
    public let closes: String
    public let timeZone: String
    public let agentsOnline: Int
    public let waiting: Int
    public init(open: Bool, opens: String, closes: String, timeZone: String, agentsOnline: Int, waiting: Int) {
        self.open = open
        self.opens = opens
        self.closes = closes
        self.timeZone = timeZone
        self.agentsOnline = agentsOnline
        self.waiting = waiting
    }
}

public struct GuideYours: Codable, Sendable {
    public let session: SessionSummary?
    public let meeting: MeetingView?
    public init(session: SessionSummary?, meeting: MeetingView?) {
        self.session = session
        self.meeting = meeting
    }
}

/// `guide.now`: where to go now.
public struct GuideReply: Codable, Sendable {
    public let now: [SessionSummary]
    public let next: [SessionSummary]
    public let yours: GuideYours
    public let channel: ChannelView?
    public let desk: DeskStatus
    public init(now: [SessionSummary], next: [SessionSummary], yours: GuideYours, channel: ChannelView?, desk: DeskStatus) {
        self.now = now
        self.next = next
        self.yours = yours
        self.channel = channel
        self.desk = desk
    }
}
