/// A topic's state when a page subscribes (read in the same transaction as the events it missed).
public enum TopicSnapshot: Sendable, Equatable {
    case seminar(SeminarState)
    /// The desk's queue, with the agents watching it (for the wait estimates).
    case desk(TicketQueue, agentsOnline: Int)
    /// The knowledge hub's newest posts.
    case feed(FeedPage)
    /// A topic whose pages need no state on arrival (a person's own topic…).
    case none
}
