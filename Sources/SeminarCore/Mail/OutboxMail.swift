/// What a mail is for. A kind that carries a secret (a reset or sign-in link) has its bodies wiped from the outbox
/// once it is sent; the others are optional (``MailTopic``): each carries `List-Unsubscribe`.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case passwordReset = "password_reset"
    case invitation
    case meetingRequested = "meeting_requested"
    case meetingAccepted = "meeting_accepted"
    case meetingDeclined = "meeting_declined"
    case meetingCancelled = "meeting_cancelled"
    case meetingPlan = "meeting_plan"
    case announcement
    case deskReply = "desk_reply"
    case digest

    /// The bodies hold a secret (a one-time link): keep them only until the mail is out.
    public var carriesSecret: Bool {
        switch self {
        case .passwordReset, .invitation: true
        case .meetingRequested, .meetingAccepted, .meetingDeclined, .meetingCancelled, .meetingPlan, .announcement, .deskReply, .digest: false
        }
    }

    /// The choice in a person's mail preferences this kind belongs to; nil for the mails everyone gets (a reset they
    /// asked for, an invitation).
    public var topic: MailTopic? {
        switch self {
        case .passwordReset, .invitation: nil
        case .meetingRequested, .meetingAccepted, .meetingDeclined, .meetingCancelled: .meetings
        case .meetingPlan: .plan
        case .announcement: .announcements
        case .deskReply: .desk
        case .digest: .digest
        }
    }
}

/// What a person may choose not to receive by mail.
public enum MailTopic: String, Sendable, Codable, CaseIterable {
    /// A meeting requested, accepted, declined or cancelled.
    case meetings
    /// The organisers' published plan of meetings.
    case plan
    /// A reply from the welcome desk while the person is away.
    case desk
    /// Announcements the organisers also send by mail.
    case announcements
    /// The morning digest of the day's agenda.
    case digest
}

/// A mail to enqueue, in the same transaction as the change that causes it.
public struct OutboxMail: Sendable, Equatable {
    /// False for an address no mail can reach: the reserved `.invalid` domain (RFC 2606; the demo's accounts).
    public static func deliverable(_ address: String) -> Bool {
        !address.lowercased().hasSuffix(".invalid")
    }

    public var kind: MailKind
    public var recipient: String
    public var userID: UserID?
    public var language: Language
    /// The sender's name (the seminar's, in the recipient's language).
    public var fromName: String
    public var content: MailContent
    public var headers: [MailHeader]
    public var attachments: [MailAttachment]

    public init(kind: MailKind, recipient: String, userID: UserID?, language: Language, fromName: String,
                content: MailContent, headers: [MailHeader] = [], attachments: [MailAttachment] = []) {
        self.kind = kind
        self.recipient = recipient
        self.userID = userID
        self.language = language
        self.fromName = fromName
        self.content = content
        self.headers = headers
        self.attachments = attachments
    }
}

/// A file sent with a mail (a meeting's `.ics`): text, sent in base64.
public struct MailAttachment: Sendable, Equatable, Codable {
    public var filename: String
    /// With its parameters, e.g. `text/calendar; charset=UTF-8; method=PUBLISH`.
    public var contentType: String
    public var content: String

    public init(filename: String, contentType: String, content: String) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }
}
