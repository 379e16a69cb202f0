import SeminarCore

/// A help ticket as the asker and the agents see it.
public struct TicketView: Codable, Sendable, Equatable {
    /// The ticket's id.
    public var id: Int64
    /// `waiting`, `claimed` or `resolved`.
    public var state: TicketState
    /// What the asker first wrote.
    public var text: String
    /// The client route the asker was on (≤ 200 characters); nil when not given.
    public var page: String?
    /// The room the asker was in; nil when not given.
    public var roomId: Int64?
    /// Who asked.
    public var asker: AuthorView
    /// The agent who claimed it; nil while nobody has.
    public var agent: AuthorView?
    /// ISO 8601: when it was opened.
    public var createdAt: String
    /// ISO 8601: when it was claimed; nil until then.
    public var claimedAt: String?
    /// ISO 8601: when it was resolved; nil until then.
    public var resolvedAt: String?
    /// 1 = next; only while waiting.
    public var position: Int?
    /// Milliseconds the asker may still wait; only while waiting.
    public var estimatedWaitMs: Int64?

    /// Memberwise; `position` and `estimatedWaitMs` default to nil.
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
    /// The message's id (what `desk.read`'s `upTo` names).
    public var id: Int64
    /// The ticket it belongs to.
    public var ticketId: Int64
    /// Who wrote it, with their role's badge.
    public var author: AuthorView
    /// The text (1–2,000 characters); a `desk.guide` sent without text carries the link's title.
    public var text: String
    /// Where an agent guides the asker (`desk.guide`): a room or a page; nil for a plain message.
    public var link: DeskLink?
    /// ISO 8601: when it was written.
    public var at: String
    /// Memberwise.
    public init(id: Int64, ticketId: Int64, author: AuthorView, text: String, link: DeskLink?, at: String) {
        self.id = id
        self.ticketId = ticketId
        self.author = author
        self.text = text
        self.link = link
        self.at = at
    }
}

/// The reply to `desk.ask`, `desk.claim`, `desk.release` and `desk.resolve`, and the `ticket.updated` event.
public struct TicketReply: Codable, Sendable {
    /// The ticket as it now stands.
    public let ticket: TicketView
    /// Memberwise.
    public init(ticket: TicketView) { self.ticket = ticket }
}

/// The reply to `desk.ticket`: a ticket and its conversation.
public struct TicketTranscript: Codable, Sendable {
    /// The ticket; nil when the person has none.
    public let ticket: TicketView?
    /// The conversation, oldest first.
    public let messages: [DeskMessageView]
    /// The reader's read mark in this conversation (the last message they read, on any device), if any.
    public let readUpTo: Int64?
    /// Messages after the mark that are not the reader's own.
    public let unread: Int
    /// Memberwise; no mark and 0 unread by default.
    public init(ticket: TicketView?, messages: [DeskMessageView], readUpTo: Int64? = nil, unread: Int = 0) {
        self.ticket = ticket
        self.messages = messages
        self.readUpTo = readUpTo
        self.unread = unread
    }
}

/// `desk.read`: the reader has read the ticket's conversation up to the message `upTo`.
public struct DeskReadRequest: Codable, Sendable {
    /// The ticket (required).
    public let ticketId: TicketID?
    /// The last message read (required); the mark only moves forward.
    public let upTo: DeskMessageID?
}

/// The reply to `desk.read`, and the event on the reader's own `user:` topic (their other tabs and devices clear the
/// count): `{ticketId, upTo}` with the mark as it now stands.
public struct DeskReadMark: Codable, Sendable, Equatable {
    /// The ticket.
    public let ticketId: Int64
    /// The last message read.
    public let upTo: Int64
    /// Memberwise.
    public init(ticketId: Int64, upTo: Int64) {
        self.ticketId = ticketId
        self.upTo = upTo
    }
}

/// The queue as agents see it (also the `desk` topic's snapshot).
public struct DeskQueueView: Codable, Sendable {
    /// Waiting tickets, oldest first.
    public let waiting: [TicketView]
    /// Tickets claimed by an agent.
    public let claimed: [TicketView]
    /// Agents watching the queue now.
    public let agentsOnline: Int
    /// Memberwise.
    public init(waiting: [TicketView], claimed: [TicketView], agentsOnline: Int) {
        self.waiting = waiting
        self.claimed = claimed
        self.agentsOnline = agentsOnline
    }
}

/// `desk.position` (ephemeral, on the asker's `user:` topic): the asker's place whenever the queue moves.
public struct DeskPositionEvent: Codable, Sendable {
    /// The waiting ticket.
    public let ticketId: Int64
    /// Its place in the queue (1 = next).
    public let position: Int
    /// Milliseconds the asker may still wait (an estimate).
    public let estimatedWaitMs: Int64
    /// Memberwise.
    public init(ticketId: Int64, position: Int, estimatedWaitMs: Int64) {
        self.ticketId = ticketId
        self.position = position
        self.estimatedWaitMs = estimatedWaitMs
    }
}

/// One agent's line in `desk.stats`.
public struct AgentStats: Codable, Sendable, Equatable {
    /// The agent.
    public let agent: AuthorView
    /// Tickets the agent has resolved.
    public let handled: Int
    /// Tickets the agent holds open now.
    public let open: Int
    /// Their median handling time in milliseconds; nil without any.
    public let medianHandlingMs: Int64?
    /// Memberwise.
    public init(agent: AuthorView, handled: Int, open: Int, medianHandlingMs: Int64?) {
        self.agent = agent
        self.handled = handled
        self.open = open
        self.medianHandlingMs = medianHandlingMs
    }
}

/// The reply to `desk.stats` (organisers).
public struct DeskStatsReply: Codable, Sendable {
    /// Tickets not resolved (waiting + claimed).
    public let open: Int
    /// Tickets waiting for an agent.
    public let waiting: Int
    /// Tickets claimed by an agent.
    public let claimed: Int
    /// Tickets resolved since the start of the day.
    public let resolvedToday: Int
    /// Median wait before a claim, in milliseconds; nil without history.
    public let medianWaitMs: Int64?
    /// Median time from claim to resolution, in milliseconds; nil without history.
    public let medianHandlingMs: Int64?
    /// Each agent's figures.
    public let agents: [AgentStats]
    /// Memberwise.
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

/// `desk.ask`: a question to the welcome desk. A person with an open ticket gets it back with the text added.
public struct DeskAskRequest: Codable, Sendable {
    /// The question (1–2,000 characters).
    public let text: String?
    /// The client route the person is on (≤ 200 characters), if any.
    public let page: String?
    /// The room the person is in, if any.
    public let roomId: RoomID?
}

/// `desk.message`: a message in a ticket's conversation.
public struct DeskMessageRequest: Codable, Sendable {
    /// The ticket (required).
    public let ticketId: TicketID?
    /// The text (1–2,000 characters).
    public let text: String?
}

/// `desk.ticket`, `desk.claim`, `desk.release`, `desk.resolve`: the ticket named.
public struct TicketRequest: Codable, Sendable {
    /// The ticket; for `desk.ticket`, absent means the person's open or latest ticket.
    public let ticketId: TicketID?
}

/// `desk.guide`: an agent sends the asker a link to a room or a page.
public struct DeskGuideRequest: Codable, Sendable {
    /// The ticket (required).
    public let ticketId: TicketID?
    /// A room to send the asker to.
    public let roomId: RoomID?
    /// Or a client route such as `#/hub`.
    public let hash: String?
    /// A message to go with the link, if any.
    public let text: String?
}

/// `faq.list`: the FAQ, or the entries that match.
public struct FaqListRequest: Codable, Sendable {
    /// Words that must all appear in a question or answer (accent- and case-insensitive); absent: every entry.
    public let q: String?
}

/// `faq.upsert`: a new FAQ entry, or a change to one.
public struct FaqUpsertRequest: Codable, Sendable {
    /// The entry to change; absent: a new one.
    public let id: Int64?
    /// The question, at least one language (≤ 500 characters).
    public let question: LocalizedText?
    /// The answer, at least one language (≤ 5,000 characters).
    public let answer: LocalizedText?
    /// Its place in the list, if given.
    public let position: Int?
}

/// `faq.delete`: the entry named.
public struct FaqDeleteRequest: Codable, Sendable {
    /// The entry's id (required).
    public let id: Int64?
}

/// The reply to `faq.list`.
public struct FaqListReply: Codable, Sendable {
    /// The entries, in order.
    public let entries: [FaqEntry]
    /// Memberwise.
    public init(entries: [FaqEntry]) { self.entries = entries }
}

/// The desk's hours and load, for the guide.
public struct DeskStatus: Codable, Sendable {
    /// Whether the desk is open now.
    public let open: Bool
    /// When it opens each day (local time, `HH:MM`).
    public let opens: String
    /// When it closes each day (local time, `HH:MM`).
    public let closes: String
    /// The seminar's time zone (IANA name) for `opens` and `closes`.
    public let timeZone: String
    /// Agents on duty now.
    public let agentsOnline: Int
    /// Tickets waiting.
    public let waiting: Int
    /// Memberwise.
    public init(open: Bool, opens: String, closes: String, timeZone: String, agentsOnline: Int, waiting: Int) {
        self.open = open
        self.opens = opens
        self.closes = closes
        self.timeZone = timeZone
        self.agentsOnline = agentsOnline
        self.waiting = waiting
    }
}

/// The reader's own next things, in `guide.now`.
public struct GuideYours: Codable, Sendable {
    /// Their next bookmarked session; nil when none.
    public let session: SessionSummary?
    /// Their next meeting; nil when none.
    public let meeting: MeetingView?
    /// Memberwise.
    public init(session: SessionSummary?, meeting: MeetingView?) {
        self.session = session
        self.meeting = meeting
    }
}

/// `guide.now`: where to go now.
public struct GuideReply: Codable, Sendable {
    /// Sessions live now.
    public let now: [SessionSummary]
    /// The next 5 sessions to start.
    public let next: [SessionSummary]
    /// The reader's next bookmarked session and meeting.
    public let yours: GuideYours
    /// The channel, as in the `seminar` snapshot; nil when there is none.
    public let channel: ChannelView?
    /// The desk's hours and load.
    public let desk: DeskStatus
    /// Memberwise.
    public init(now: [SessionSummary], next: [SessionSummary], yours: GuideYours, channel: ChannelView?, desk: DeskStatus) {
        self.now = now
        self.next = next
        self.yours = yours
        self.channel = channel
        self.desk = desk
    }
}
