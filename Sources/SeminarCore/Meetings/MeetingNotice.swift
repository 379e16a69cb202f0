/// What one person is told by mail when a meeting changes: the change, who they are, the other person, the slots
/// (proposed, or the one booked), the table and what the other person wrote.
public struct MeetingNotice: Sendable, Equatable {
    public enum Event: Sendable, Equatable, CaseIterable {
        /// Someone asks the recipient for a meeting.
        case requested
        /// A request was accepted: the meeting is booked (both people are told).
        case accepted
        /// The recipient's request was declined.
        case declined
        /// The request the recipient received was withdrawn by the one who sent it.
        case withdrawn
        /// The other person cancelled a booked meeting.
        case cancelled

        public var kind: MailKind {
            switch self {
            case .requested: .meetingRequested
            case .accepted: .meetingAccepted
            case .declined: .meetingDeclined
            case .withdrawn, .cancelled: .meetingCancelled
            }
        }
    }

    public typealias Person = MailPerson

    public struct Span: Sendable, Equatable {
        public let start: Timestamp
        public let end: Timestamp

        public init(start: Timestamp, end: Timestamp) {
            self.start = start
            self.end = end
        }
    }

    public var event: Event
    public var recipient: Person
    public var other: Person
    public var slots: [Span]
    public var table: Int?
    public var meetingID: MeetingID?
    /// The request's message, or the reason given for declining; empty when none.
    public var note: String

    public init(event: Event, recipient: Person, other: Person, slots: [Span], table: Int? = nil, meetingID: MeetingID? = nil, note: String = "") {
        self.event = event
        self.recipient = recipient
        self.other = other
        self.slots = slots
        self.table = table
        self.meetingID = meetingID
        self.note = note
    }

    /// Writes the mail of one notice (the edge knows the addresses, the time zone and the unsubscribe link).
    public typealias Composer = @Sendable (MeetingNotice, MailSeminar, Timestamp) -> OutboxMail
}
