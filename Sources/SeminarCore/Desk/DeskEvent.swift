/// What happens at the welcome desk, told on the `desk` topic and to the people concerned.
public enum DeskEvent: Sendable, Equatable {
    /// A ticket was opened, claimed, released or resolved (on the desk and to its asker).
    case ticketUpdated(Ticket)
    /// A line in a ticket's conversation (to its asker, its agent and the author).
    case message(DeskMessage)
    /// The reader read the ticket's conversation up to message `upTo` (on their own topic: their other tabs clear the count).
    case read(ticketId: TicketID, upTo: DeskMessageID)
}
