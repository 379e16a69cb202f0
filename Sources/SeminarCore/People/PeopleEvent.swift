/// What happens between two people, told on each person's own topic.
public enum PeopleEvent: Sendable, Equatable {
    /// A direct message, told to its sender (their other tabs) and to its recipient.
    case directMessage(DirectMessage)
    /// The person read what `with` sent them (their other tabs and devices clear the count).
    case directMessagesRead(with: Int64)
}
