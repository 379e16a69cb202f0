import SeminarCore

extension EventWire {
    /// Every domain event on the wire, each area's mapping in its own file (`RoomWire.swift`, …).
    public static let seminar = EventWire { event, seq in
        switch event {
        case .announced(let announcement): try EventType.announcement.with(AnnouncementView(announcement, seq: seq))
        case .announcementExpired(let id): try EventType.announcementExpired.with(AnnouncementExpired(id: id.rawValue))
        case .room(let event): try event.wire()
        case .people(let event): try event.wire()
        case .access(let event): try event.wire()
        case .desk(let event): try event.wire()
        case .feed(let event): try event.wire()
        case .meeting(let event): try event.wire()
        case .sessionUpdated(let session): try EventType.sessionUpdated.with(SessionSummary(session, bookmarked: false))
        case .sessionReminder(let reminder): try EventType.reminder.with(ReminderView(reminder))
        case .replayAdded(let replay): try EventType.replayAdded.with(ReplayAdded(sessionId: replay.sessionId.rawValue, replay: ReplayView(replay)))
        }
    }
}

extension AuthorView {
    /// An author with their badge (no photo).
    public init(_ author: Author) {
        self.init(id: author.id.rawValue, displayName: author.displayName, badge: author.badge)
    }
}

extension CreatedReply {
    /// The id and seq of what a creating request made.
    public init(_ created: Created) {
        self.init(id: created.id, seq: created.seq)
    }
}

extension AuditListReply {
    /// A page of the audit log.
    public init(_ page: AuditPage) {
        self.init(entries: page.records.map(AuditEntry.init), more: page.more)
    }
}

extension AuditEntry {
    /// An audit entry, with the names of the ids its target holds.
    public init(_ record: AuditRecord) {
        self.init(id: record.id.rawValue, at: record.at.iso8601, actor: record.actor.map(AuthorView.init), action: record.action, target: record.target,
                  names: record.names.map { AuditName(key: $0.ref.key, id: $0.ref.id, kind: $0.kind.rawValue, name: $0.name) }, detail: record.detail)
    }
}

extension FileView {
    /// A stored file's view (`url`, `smallUrl` follow from it).
    public init(_ file: StoredFile) {
        self.init(id: file.id.rawValue, name: file.name, type: file.type, size: file.size, sha256: file.sha256)
    }
}

extension OutboxReply {
    /// The outbox's counts and newest mails, times as ISO 8601.
    public init(_ report: OutboxReport) {
        self.init(queued: report.queued, sent: report.sent, failed: report.failed, mails: report.mails.map { mail in
            OutboxMailView(id: mail.id.rawValue, kind: mail.kind, recipient: mail.recipient, subject: mail.subject, status: mail.status, attempts: mail.attempts,
                           error: mail.error, createdAt: mail.createdAt.iso8601, sentAt: mail.sentAt?.iso8601, retryable: mail.retryable)
        })
    }
}

extension InvitationsReply {
    /// The invitations' counts and each invited person's latest, times as ISO 8601.
    public init(_ report: InvitationReport) {
        self.init(queued: report.queued, sent: report.sent, failed: report.failed, neverSignedIn: report.neverSignedIn, people: report.people.map { person in
            InvitationView(userId: person.userId, email: person.email, displayName: person.displayName, status: person.status,
                           attempts: person.attempts, error: person.error, queuedAt: person.queuedAt.iso8601, signedIn: person.signedIn)
        })
    }
}
