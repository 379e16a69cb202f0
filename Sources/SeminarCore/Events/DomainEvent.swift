/// Something that happened, in plain values. A use case decides it, the Store appends it to a topic in the same
/// transaction as the change, and the wire (``EventWire``, handed to the Store) gives it its type and data once, when it
/// is appended; the log keeps those bytes for replay. Areas join one by one (issue 22): the others still hand the log
/// wire JSON themselves.
public enum DomainEvent: Sendable, Equatable {
    /// Chat, questions and polls in a live room.
    case room(RoomEvent)
    /// Direct messages between two people.
    case people(PeopleEvent)
    /// An organiser's announcement is published (on topic `seminar`; its data carries the seq it gets there).
    case announced(Announcement)
    /// A published announcement was taken down before its time.
    case announcementExpired(id: AnnouncementID)
    /// A person's role or hosting changed (on their own topic).
    case access(AccessEvent)
    /// Help tickets and their conversations at the welcome desk.
    case desk(DeskEvent)
    /// Posts of the knowledge hub, their comments and reactions.
    case feed(FeedEvent)
    /// The meeting grid, requests and meetings.
    case meeting(MeetingEvent)
    /// A session's text changed (on topic `seminar`).
    case sessionUpdated(ProgramSession)
    /// A bookmarked session starts soon (on the person's own topic).
    case sessionReminder(SessionReminder)
    /// A recording of a session room's stage is ready to watch (on topic `seminar`: the session's page shows it).
    case replayAdded(SessionReplay)
}
