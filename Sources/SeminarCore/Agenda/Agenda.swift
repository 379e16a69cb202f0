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

    /// A person's agenda from their bookmarked sessions and booked meetings (each in time order), with the clashes
    /// across both marked (``Clashes``).
    public init(sessions: [ProgramSession], meetings: [Meeting]) {
        var spans = sessions.map { AgendaSpan(id: "session:\($0.id)", start: $0.startsAt, end: $0.endsAt) }
        spans += meetings.map { AgendaSpan(id: "meeting:\($0.id)", start: $0.slot.startsAt, end: $0.slot.endsAt) }
        let clashes = Clashes.find(spans)
        self.init(sessions: sessions.map { Entry($0, clashesWith: clashes["session:\($0.id)"] ?? []) },
                  meetings: meetings.map { Entry($0, clashesWith: clashes["meeting:\($0.id)"] ?? []) })
    }
}
