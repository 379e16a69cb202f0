/// Where a help ticket is: in the queue, with an agent, or done.
public enum TicketState: String, Sendable, Codable, Equatable {
    case waiting
    case claimed
    case resolved
}

/// What can happen to a ticket.
public enum TicketAction: String, Sendable, Equatable, CaseIterable {
    /// An agent takes it from the queue.
    case claim
    /// Its agent hands it back (or their socket has been gone too long): first in line again.
    case release
    /// Its agent, an organiser or the asker closes it.
    case resolve
}

/// The ticket state machine: `waiting → claimed → resolved`, `claimed → waiting` on release, and
/// `waiting → resolved` when the asker closes it before anyone claims it.
public enum TicketRules {
    public static func next(_ state: TicketState, _ action: TicketAction) throws(DomainError) -> TicketState {
        switch (state, action) {
        case (.waiting, .claim): return .claimed
        case (.claimed, .release): return .waiting
        case (.waiting, .resolve), (.claimed, .resolve): return .resolved
        case (.claimed, .claim): throw DomainError(.conflict, "Another agent has claimed this ticket", detail: "claimed")
        case (.resolved, _): throw DomainError(.conflict, "This ticket is resolved", detail: "resolved")
        case (.waiting, .release): throw DomainError(.conflict, "This ticket is already in the queue", detail: "waiting")
        }
    }
}
