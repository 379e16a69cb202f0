/// What a mail is for. Later kinds (invitations, meeting notices, digests) carry `List-Unsubscribe`; a kind that
/// carries a secret (a reset link) has its bodies wiped from the outbox once it is sent.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case passwordReset = "password_reset"

    /// The bodies hold a secret (a one-time link): keep them only until the mail is out.
    public var carriesSecret: Bool {
        switch self {
        case .passwordReset: true
        }
    }
}

/// A mail to enqueue, in the same transaction as the change that causes it.
public struct OutboxMail: Sendable, Equatable {
    public var kind: MailKind
    public var recipient: String
    public var userID: UserID?
    public var language: Language
    /// The sender's name (the seminar's, in the recipient's language).
    public var fromName: String
    public var content: MailContent
    public var headers: [MailHeader]

    public init(kind: MailKind, recipient: String, userID: UserID?, language: Language, fromName: String,
                content: MailContent, headers: [MailHeader] = []) {
        self.kind = kind
        self.recipient = recipient
        self.userID = userID
        self.language = language
        self.fromName = fromName
        self.content = content
        self.headers = headers
    }
}
