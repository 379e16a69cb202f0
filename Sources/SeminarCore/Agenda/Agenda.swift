/// A person's bookmarked sessions and booked meetings in time order, each with what it clashes with (`session:<id>`,
/// `meeting:<id>`).
public struct Agenda: Sendable, Equatable {
    public struct Entry<Item: Sendable & Equatable>: Sendable, Equatable {
        public let item: Item
        public let clashesWith: [String]

        public init(_ item: Item, clashesWith: [String]) {
            self.item = item
            self.clashesWith = clashesWith
        }
    }

    public let sessions: [Entry<ProgramSession>]
    public let meetings: [Entry<Meeting>]

    public init(sessions: [Entry<ProgramSession>], meetings: [Entry<Meeting>]) {
        self.sessions = sessions
        self.meetings = meetings
    }
}
