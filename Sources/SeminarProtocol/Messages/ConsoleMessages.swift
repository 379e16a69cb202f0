import SeminarCore

public struct RoleSetRequest: Codable, Sendable {
    public let userId: Int64?
    public let role: String?
    public let roomId: Int64?
}

public struct RoleView: Codable, Sendable, Equatable {
    public let id: Int64
    public let displayName: String
    public let role: Role
    public init(id: Int64, displayName: String, role: Role) {
        self.id = id
        self.displayName = displayName
        self.role = role
    }
}

public struct RoleSetReply: Codable, Sendable {
    public let user: RoleView
    public let roomId: Int64?
    public init(user: RoleView, roomId: Int64?) {
        self.user = user
        self.roomId = roomId
    }
}

public struct RoleChangedEvent: Codable, Sendable {
    public let role: Role
    public let roomId: Int64?
    public init(role: Role, roomId: Int64?) {
        self.role = role
        self.roomId = roomId
    }
}

public struct PeopleListRequest: Codable, Sendable {
    public let q: String?
    public let role: String?
    public let before: Int64?
    public let limit: Int?
}

public struct PersonRow: Codable, Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let displayName: String
    public let role: Role
    public let organisation: String
    public let lastSeenAt: String?
    /// The rooms whose sessions the person hosts (empty for most).
    public let hostedRooms: [Int64]
    public init(id: Int64, email: String, displayName: String, role: Role, organisation: String, lastSeenAt: String?, hostedRooms: [Int64] = []) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.organisation = organisation
        self.lastSeenAt = lastSeenAt
        self.hostedRooms = hostedRooms
    }
}

/// `hosting.remove`: the person stops hosting the room's session.
public struct HostingRemoveRequest: Codable, Sendable {
    public let userId: Int64?
    public let roomId: Int64?
}

/// On the person's `user:` topic when an organiser gives them a room's session to host, or takes it away.
public struct HostingChangedEvent: Codable, Sendable {
    public let roomId: Int64
    public let hosting: Bool
    public init(roomId: Int64, hosting: Bool) {
        self.roomId = roomId
        self.hosting = hosting
    }
}

/// `hosting.get`: the sessions the person hosts, in time order.
public struct HostingReply: Codable, Sendable {
    public let sessions: [SessionSummary]
    public init(sessions: [SessionSummary]) {
        self.sessions = sessions
    }
}

public struct PeopleListReply: Codable, Sendable {
    public let people: [PersonRow]
    public let more: Bool
    public init(people: [PersonRow], more: Bool) {
        self.people = people
        self.more = more
    }
}

public struct RoomAttendance: Codable, Sendable, Equatable {
    public let roomId: Int64
    public let sessionId: Int64?
    public let title: LocalizedText
    public let state: String
    public var present: Int
    public let peak: Int
    public init(roomId: Int64, sessionId: Int64?, title: LocalizedText, state: String, present: Int, peak: Int) {
        self.roomId = roomId
        self.sessionId = sessionId
        self.title = title
        self.state = state
        self.present = present
        self.peak = peak
    }
}

public struct DeskFigures: Codable, Sendable, Equatable {
    public let waiting: Int
    public let claimed: Int
    public let resolvedToday: Int
    public init(waiting: Int, claimed: Int, resolvedToday: Int) {
        self.waiting = waiting
        self.claimed = claimed
        self.resolvedToday = resolvedToday
    }
}

public struct MeetingFigures: Codable, Sendable, Equatable {
    public let requested: Int
    public let accepted: Int
    public let held: Int
    public let cancelled: Int
    public let noShow: Int
    public init(requested: Int, accepted: Int, held: Int, cancelled: Int, noShow: Int) {
        self.requested = requested
        self.accepted = accepted
        self.held = held
        self.cancelled = cancelled
        self.noShow = noShow
    }
}

public struct MinuteCount: Codable, Sendable, Equatable {
    public let minute: String
    public let count: Int
    public init(minute: String, count: Int) {
        self.minute = minute
        self.count = count
    }
}

public struct AdminStatsReply: Codable, Sendable {
    public var onlineNow: Int
    public let onlineToday: Int
    public let registered: Int
    public var rooms: [RoomAttendance]
    public let desk: DeskFigures
    public let meetings: MeetingFigures
    public let messagesPerMinute: [MinuteCount]
    public init(onlineNow: Int, onlineToday: Int, registered: Int, rooms: [RoomAttendance], desk: DeskFigures, meetings: MeetingFigures,
                messagesPerMinute: [MinuteCount]) {
        self.onlineNow = onlineNow
        self.onlineToday = onlineToday
        self.registered = registered
        self.rooms = rooms
        self.desk = desk
        self.meetings = meetings
        self.messagesPerMinute = messagesPerMinute
    }
}

public struct AuditListRequest: Codable, Sendable {
    public let before: Int64?
    public let limit: Int?
}

public struct AuditEntry: Codable, Sendable, Equatable {
    public let id: Int64
    public let at: String
    public let actor: AuthorView?
    public let action: String
    /// The ids the request named, as the log keeps them (`roomId=29 userId=6`).
    public let target: String
    /// The people, rooms and sessions among those ids, by name (empty when none, or when they are gone).
    public let names: [AuditName]
    public let detail: String
    public init(id: Int64, at: String, actor: AuthorView?, action: String, target: String, names: [AuditName] = [], detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.names = names
        self.detail = detail
    }
}

/// One id of an audit entry's target with what it names: `{key: "userId", id: 6, kind: "person", name: "Ana Pérez"}`
/// (a room's or session's title in the reader's language).
public struct AuditName: Codable, Sendable, Equatable {
    public let key: String
    public let id: Int64
    /// `person`, `room` or `session`.
    public let kind: String
    public let name: String
    public init(key: String, id: Int64, kind: String, name: String) {
        self.key = key
        self.id = id
        self.kind = kind
        self.name = name
    }
}

public struct AuditListReply: Codable, Sendable {
    public let entries: [AuditEntry]
    public let more: Bool
    public init(entries: [AuditEntry], more: Bool) {
        self.entries = entries
        self.more = more
    }
}

public struct ScheduledAnnouncement: Codable, Sendable, Equatable {
    public let id: Int64
    public let text: String
    public let level: String
    public let publishAt: String
    public let expiresAt: String?
    /// The language of `text`; nil for announcements made before languages were recorded.
    public let lang: Language?
    public init(id: Int64, text: String, level: String, publishAt: String, expiresAt: String?, lang: Language? = nil) {
        self.id = id
        self.text = text
        self.level = level
        self.lang = lang
        self.publishAt = publishAt
        self.expiresAt = expiresAt
    }
}

public struct ScheduledAnnouncementsReply: Codable, Sendable {
    public let announcements: [ScheduledAnnouncement]
    public init(announcements: [ScheduledAnnouncement]) { self.announcements = announcements }
}

public struct AnnounceCancelRequest: Codable, Sendable {
    public let id: Int64?
}

public struct AnnouncementExpired: Codable, Sendable {
    public let id: Int64
    public init(id: Int64) { self.id = id }
}

/// One person of a participants import. Only an account the import created gets a one-time sign-in link: an
/// existing account is updated and listed without one (a link would let the importer act as that person).
public struct ImportedPersonView: Codable, Sendable, Equatable {
    public let line: Int
    public let email: String
    public let userId: Int64
    public let created: Bool
    /// The new account's sign-in link; nil (left out) for an existing account.
    public let signInUrl: String?
    public let expiresAt: String?
    public init(line: Int, email: String, userId: Int64, created: Bool, signInUrl: String?, expiresAt: String?) {
        self.line = line
        self.email = email
        self.userId = userId
        self.created = created
        self.signInUrl = signInUrl
        self.expiresAt = expiresAt
    }
}

public struct ParticipantsImportReply: Codable, Sendable {
    public let created: Int
    public let updated: Int
    /// Invitations queued (one per new person, when the import asked for them).
    public let invited: Int
    public let people: [ImportedPersonView]
    public init(created: Int, updated: Int, invited: Int = 0, people: [ImportedPersonView]) {
        self.created = created
        self.updated = updated
        self.invited = invited
        self.people = people
    }
}

/// `GET /api/admin/invitations`: the latest invitation of each invited person, newest first, and the counts.
public struct InvitationsReply: Codable, Sendable, Equatable {
    public let queued: Int
    public let sent: Int
    public let failed: Int
    /// People invited who never signed in (whom "resend to all who never signed in" would reach).
    public let neverSignedIn: Int
    public let people: [InvitationView]
    public init(queued: Int, sent: Int, failed: Int, neverSignedIn: Int, people: [InvitationView]) {
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.neverSignedIn = neverSignedIn
        self.people = people
    }
}

/// One person's latest invitation: `queued` (or being sent), `sent` or `failed`.
public struct InvitationView: Codable, Sendable, Equatable {
    public let userId: Int64
    public let email: String
    public let displayName: String
    public let status: String
    public let attempts: Int
    public let error: String?
    public let queuedAt: String
    public let signedIn: Bool
    public init(userId: Int64, email: String, displayName: String, status: String, attempts: Int, error: String?, queuedAt: String, signedIn: Bool) {
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

/// `POST /api/admin/invitations/resend`: `{userId}` for one person, or `{neverSignedIn: true}` for all who never
/// signed in. Each gets a new one-time link (their earlier ones stop working) by mail.
public struct ResendInvitationsRequest: Codable, Sendable {
    public let userId: Int64?
    public let neverSignedIn: Bool?
    public init(userId: Int64?, neverSignedIn: Bool?) {
        self.userId = userId
        self.neverSignedIn = neverSignedIn
    }
}

public struct ResendInvitationsReply: Codable, Sendable, Equatable {
    public let queued: Int
    public init(queued: Int) { self.queued = queued }
}

/// `GET /api/admin/outbox?status=`: the newest mails (of that status), and the counts of all.
public struct OutboxReply: Codable, Sendable, Equatable {
    public let queued: Int
    public let sent: Int
    public let failed: Int
    public let mails: [OutboxMailView]
    public init(queued: Int, sent: Int, failed: Int, mails: [OutboxMailView]) {
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.mails = mails
    }
}

/// One mail of the outbox. `retryable`: a failed mail whose text is still there (a mail carrying a one-time link has
/// it wiped once it failed: resend the invitation instead, or the person asks for a new reset).
public struct OutboxMailView: Codable, Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let recipient: String
    public let subject: String
    public let status: String
    public let attempts: Int
    public let error: String?
    public let createdAt: String
    public let sentAt: String?
    public let retryable: Bool
    public init(id: Int64, kind: String, recipient: String, subject: String, status: String, attempts: Int, error: String?,
                createdAt: String, sentAt: String?, retryable: Bool) {
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

/// `POST /api/admin/outbox/retry`: `{id}` for one failed mail, or `{allFailed: true}`.
public struct OutboxRetryRequest: Codable, Sendable {
    public let id: Int64?
    public let allFailed: Bool?
}

public struct OutboxRetryReply: Codable, Sendable, Equatable {
    public let queued: Int
    public init(queued: Int) { self.queued = queued }
}
