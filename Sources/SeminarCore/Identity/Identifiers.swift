/// A typed row id: two ids of different kinds never mix.
public struct ID<Kind>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The kinds of ids, one caseless type each: `ID<IDKind.Room>` and `ID<IDKind.Poll>` never mix (and the names stay
/// clear of the domain's own `PollKind`, `PostKind`, `FileKind`).
public enum IDKind {
    public enum User {}
    public enum Announcement {}
    public enum Session {}
    public enum Track {}
    public enum Ticket {}
    public enum Room {}
    public enum ChatMessage {}
    public enum Question {}
    public enum Poll {}
    public enum Replay {}
    public enum Meeting {}
    public enum MeetingRequest {}
    public enum Slot {}
    public enum Post {}
    public enum Comment {}
    public enum File {}
    public enum DirectMessage {}
    public enum DeskMessage {}
    public enum FaqEntry {}
    public enum AuditRecord {}
    public enum Revision {}
    public enum Mail {}
    public enum Visit {}
}

/// A person's account.
public typealias UserID = ID<IDKind.User>
/// An organisers' announcement.
public typealias AnnouncementID = ID<IDKind.Announcement>
/// A session of the program.
public typealias SessionID = ID<IDKind.Session>
/// A track of the program (a region, a commission…).
public typealias TrackID = ID<IDKind.Track>
/// A help ticket at the welcome desk.
public typealias TicketID = ID<IDKind.Ticket>
/// A room: a session's, the channel, a breakout group or a meeting table.
public typealias RoomID = ID<IDKind.Room>
/// A message in a room's chat.
public typealias ChatMessageID = ID<IDKind.ChatMessage>
/// A question asked in a room.
public typealias QuestionID = ID<IDKind.Question>
/// A poll in a room.
public typealias PollID = ID<IDKind.Poll>
/// A recording of a session room's stage, kept as a replay on the session's page.
public typealias ReplayID = ID<IDKind.Replay>
/// A booked bilateral meeting.
public typealias MeetingID = ID<IDKind.Meeting>
/// A request for a bilateral meeting.
public typealias MeetingRequestID = ID<IDKind.MeetingRequest>
/// A slot of the meetings grid.
public typealias SlotID = ID<IDKind.Slot>
/// A post in the knowledge hub's feed.
public typealias PostID = ID<IDKind.Post>
/// A comment on a post.
public typealias CommentID = ID<IDKind.Comment>
/// A stored file: an upload, an attachment, a profile photo.
public typealias FileID = ID<IDKind.File>
/// A direct message from one person to another.
public typealias DirectMessageID = ID<IDKind.DirectMessage>
/// A line of a welcome desk ticket's conversation.
public typealias DeskMessageID = ID<IDKind.DeskMessage>
/// A question and answer of the welcome desk's FAQ.
public typealias FaqEntryID = ID<IDKind.FaqEntry>
/// An entry of the organisers' audit log.
public typealias AuditRecordID = ID<IDKind.AuditRecord>
/// One edit of a session's page, kept as a revision.
public typealias RevisionID = ID<IDKind.Revision>
/// A mail in the outbox.
public typealias MailID = ID<IDKind.Mail>
/// One person's stay in a room, from joining to leaving (attendance).
public typealias VisitID = ID<IDKind.Visit>
