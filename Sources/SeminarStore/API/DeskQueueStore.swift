import SeminarCore

/// The welcome desk's queue seen by its agents and the server: positions, claims, read marks and what a reply needs.
public protocol DeskQueueStore: Sendable {
    /// The language of the person who asked for help.
    func askerLocale(ticket id: TicketID) async throws -> Language
    /// Tickets claimed by `agent` (every claimed ticket when nil), with who holds each.
    func claimedTickets(agent: UserID?) async throws -> [(ticket: TicketID, agent: UserID)]
    /// The reader has read the ticket's conversation up to the message `upTo`: the mark moves forward (never back)
    /// and, when it moved, their own topic says so, so that their other tabs and devices clear the count.
    func markDeskRead(ticket id: TicketID, upTo: DeskMessageID?, by user: UserRecord, now: Timestamp) async throws -> DeskMessageID
    /// The title of a room, for a "take me there" link (the session's title in `language`, or the room's name).
    func roomTitle(_ roomId: RoomID, language: Language) async throws -> String
    /// Each waiting asker's place and expected wait, for the ephemeral `desk.position` events.
    func waitingPositions(agents: Int) async throws -> [DeskPosition]
}

extension AppDatabase: DeskQueueStore {}
