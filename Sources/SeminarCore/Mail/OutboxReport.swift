/// What the console shows of the mail outbox: counts by state (a mail being sent counts as queued) and some mails.
public struct OutboxReport: Sendable, Equatable {
    public let queued: Int
    public let sent: Int
    public let failed: Int
    public let mails: [Mail]

    public init(queued: Int, sent: Int, failed: Int, mails: [Mail]) {
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.mails = mails
    }

    /// One mail of the outbox. `retryable`: a failed mail whose text is still there (one carrying a one-time link has
    /// it wiped once it failed).
    public struct Mail: Sendable, Equatable {
        public let id: MailID
        public let kind: String
        public let recipient: String
        public let subject: String
        /// `queued`, `sent` or `failed`.
        public let status: String
        public let attempts: Int
        public let error: String?
        public let createdAt: Timestamp
        public let sentAt: Timestamp?
        public let retryable: Bool

        public init(id: MailID, kind: String, recipient: String, subject: String, status: String, attempts: Int, error: String?,
                    createdAt: Timestamp, sentAt: Timestamp?, retryable: Bool) {
            self.id = id
            self.kind = kind
            self.recipient = recipient
            self.subject = subject
            self.status = status
            self.attempts = attempts
            self.error = error
            self.createdAt = createdAt
            self.sentAt = sentAt
            self.retryable = retryable
        }
    }
}

/// What the console shows of invitations: each invited person's latest invitation and its state, the counts by
/// state, and how many invited people never signed in.
public struct InvitationReport: Sendable, Equatable {
    public let queued: Int
    public let sent: Int
    public let failed: Int
    public let neverSignedIn: Int
    public let people: [Invited]

    public init(queued: Int, sent: Int, failed: Int, neverSignedIn: Int, people: [Invited]) {
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.neverSignedIn = neverSignedIn
        self.people = people
    }

    /// One invited person and their latest invitation.
    public struct Invited: Sendable, Equatable {
        public let userId: Int64
        public let email: String
        public let displayName: String
        /// `queued`, `sent` or `failed`.
        public let status: String
        public let attempts: Int
        public let error: String?
        public let queuedAt: Timestamp
        public let signedIn: Bool

        public init(userId: Int64, email: String, displayName: String, status: String, attempts: Int, error: String?, queuedAt: Timestamp,
                    signedIn: Bool) {
            self.userId = userId
            self.email = email
            self.displayName = displayName
            self.status = status
            self.attempts = attempts
            self.error = error
            self.queuedAt = queuedAt
            self.signedIn = signedIn
        }
    }
}
