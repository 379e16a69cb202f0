/// What the desk's rules look at on a help ticket: its two people and its state.
public struct TicketFacts: Sendable, Equatable {
    public let asker: UserID
    public let agent: UserID?
    public let state: TicketState

    public init(asker: UserID, agent: UserID?, state: TicketState) {
        self.asker = asker
        self.agent = agent
        self.state = state
    }
}

/// Who may read, write in and move a help ticket: pure decisions on ``TicketFacts`` and the person asking.
public enum TicketAccess {
    /// Reading a ticket's conversation: its asker, any agent, an organiser.
    public static func mayRead(_ ticket: TicketFacts, by user: UserID, role: Role) throws(DomainError) {
        guard ticket.asker == user || role == .agent || role == .organiser else {
            throw DomainError(.forbidden, "This ticket is someone else's")
        }
    }

    /// Writing a line in a ticket (`withLink`: a "take me there" link): its asker and its agent, or an organiser; only
    /// the agent or an organiser sends links; nobody writes in a resolved ticket.
    public static func mayWrite(_ ticket: TicketFacts, by user: UserID, role: Role, withLink: Bool) throws(DomainError) {
        let helping = ticket.agent == user || role == .organiser
        guard ticket.asker == user || helping else {
            throw DomainError(.forbidden, "Only the person who asked and the agent helping them write here")
        }
        if withLink, !helping { throw DomainError(.forbidden, "Only the agent helping may send a link") }
        guard ticket.state != .resolved else { throw DomainError(.conflict, "This ticket is resolved", detail: "resolved") }
    }

    /// The ticket's state after `action` by `user` (nil: the server itself, releasing a ticket whose agent has gone),
    /// or the refusal. Agents and organisers claim; its agent or an organiser releases; its agent, an organiser or the
    /// asker resolves. Then the state machine (``TicketRules/next(_:_:)``).
    public static func move(_ ticket: TicketFacts, _ action: TicketAction, by user: (id: UserID, role: Role)?) throws(DomainError) -> TicketState {
        if let user {
            let allowed = switch action {
            case .claim: user.role == .agent || user.role == .organiser
            case .release: ticket.agent == user.id || user.role == .organiser
            case .resolve: ticket.agent == user.id || user.role == .organiser || ticket.asker == user.id
            }
            guard allowed else { throw DomainError(.forbidden, "This ticket is not yours to \(action.rawValue)") }
        }
        return try TicketRules.next(ticket.state, action)
    }
}
