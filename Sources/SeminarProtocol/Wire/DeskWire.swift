import SeminarCore

/// The welcome desk on the wire: tickets, their conversations, the queue and the figures, and each ``DeskEvent``.
extension DeskEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .ticketUpdated(let ticket): try EventType.ticketUpdated.with(TicketReply(ticket: TicketView(ticket)))
        case .message(let message): try EventType.deskMessage.with(DeskMessageView(message))
        case .read(let ticketId, let upTo): try EventType.deskRead.with(DeskReadMark(ticketId: ticketId.rawValue, upTo: upTo.rawValue))
        }
    }
}

extension TicketView {
    /// A ticket as the asker and agents see it; the asker carries their profile photo.
    public init(_ ticket: Ticket) {
        self.init(id: ticket.id.rawValue, state: ticket.state, text: ticket.text, page: ticket.page, roomId: ticket.roomId?.rawValue,
                  asker: AuthorView(id: ticket.asker.id.rawValue, displayName: ticket.asker.displayName, badge: ticket.asker.badge, photo: ticket.askerPhoto?.rawValue),
                  agent: ticket.agent.map(AuthorView.init), createdAt: ticket.createdAt.iso8601, claimedAt: ticket.claimedAt?.iso8601,
                  resolvedAt: ticket.resolvedAt?.iso8601, position: ticket.position, estimatedWaitMs: ticket.estimatedWaitMs)
    }
}

extension DeskMessageView {
    /// A desk message, its time as ISO 8601.
    public init(_ message: DeskMessage) {
        self.init(id: message.id.rawValue, ticketId: message.ticketId.rawValue, author: AuthorView(message.author), text: message.text, link: message.link,
                  at: message.at.iso8601)
    }
}

extension TicketTranscript {
    /// A ticket's transcript with the reader's read mark and unread count.
    public init(_ conversation: TicketConversation) {
        self.init(ticket: conversation.ticket.map(TicketView.init), messages: conversation.messages.map(DeskMessageView.init),
                  readUpTo: conversation.readUpTo?.rawValue, unread: conversation.unread)
    }
}

extension DeskQueueView {
    /// The queue, with how many agents watch it.
    public init(_ queue: TicketQueue, agentsOnline: Int) {
        self.init(waiting: queue.waiting.map(TicketView.init), claimed: queue.claimed.map(TicketView.init), agentsOnline: agentsOnline)
    }
}

extension DeskPositionEvent {
    /// The asker's place and estimated wait.
    public init(_ position: DeskPosition) {
        self.init(ticketId: position.ticketId.rawValue, position: position.position, estimatedWaitMs: position.estimatedWaitMs)
    }
}

extension DeskStatsReply {
    /// The desk's figures; `open` is waiting + claimed.
    public init(_ report: DeskReport) {
        self.init(open: report.waiting + report.claimed, waiting: report.waiting, claimed: report.claimed, resolvedToday: report.resolvedToday,
                  medianWaitMs: report.medianWaitMs, medianHandlingMs: report.medianHandlingMs,
                  agents: report.agents.map { AgentStats(agent: AuthorView($0.agent), handled: $0.handled, open: $0.open, medianHandlingMs: $0.medianHandlingMs) })
    }
}
