import SeminarCore

/// `role.set`: give a person a role (organisers only).
public struct RoleSetRequest: Codable, Sendable {
    /// The person (required).
    public let userId: Int64?
    /// `participant`, `host`, `agent` or `organiser`.
    public let role: String?
    /// With `host`: a room whose session the person then also hosts.
    public let roomId: RoomID?
}

/// A person and their role, as `role.set` answers.
public struct RoleView: Codable, Sendable, Equatable {
    /// The person's id.
    public let id: Int64
    /// Their display name.
    public let displayName: String
    /// Their role after the change.
    public let role: Role
    /// Memberwise.
    public init(id: Int64, displayName: String, role: Role) {
        self.id = id
        self.displayName = displayName
        self.role = role
    }
}

/// The reply to `role.set`.
public struct RoleSetReply: Codable, Sendable {
    /// The person and their new role.
    public let user: RoleView
    /// The room whose session they now host, when the request named one.
    public let roomId: Int64?
    /// Memberwise.
    public init(user: RoleView, roomId: Int64?) {
        self.user = user
        self.roomId = roomId
    }
}

/// `role.changed` on the person's `user:` topic: their role changed (by `role.set` or a participants import).
public struct RoleChangedEvent: Codable, Sendable {
    /// The new role; their open sockets hold it at once.
    public let role: Role
    /// The room whose session they were given to host, if any.
    public let roomId: Int64?
    /// Memberwise.
    public init(role: Role, roomId: Int64?) {
        self.role = role
        self.roomId = roomId
    }
}

/// `people.list`: the organiser's list of accounts.
public struct PeopleListRequest: Codable, Sendable {
    /// Words to look for, if any.
    public let q: String?
    /// Only people of this role, if given.
    public let role: String?
    /// Only people listed after this user id (the next page).
    public let before: Int64?
    /// How many, at most 200.
    public let limit: Int?
}

/// One account in the organiser's `people.list`.
public struct PersonRow: Codable, Sendable, Equatable {
    /// The person's id.
    public let id: Int64
    /// Their email address.
    public let email: String
    /// Their display name.
    public let displayName: String
    /// Their role.
    public let role: Role
    /// Their organisation ("" when none).
    public let organisation: String
    /// ISO 8601: when they were last seen; nil when never.
    public let lastSeenAt: String?
    /// The rooms whose sessions the person hosts (empty for most).
    public let hostedRooms: [Int64]
    /// Memberwise; `hostedRooms` defaults to empty.
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
    /// The person (required).
    public let userId: Int64?
    /// The session's room (required).
    public let roomId: RoomID?
}

/// On the person's `user:` topic when an organiser gives them a room's session to host, or takes it away.
public struct HostingChangedEvent: Codable, Sendable {
    /// The room whose session it is.
    public let roomId: Int64
    /// True: they now host it; false: they no longer do.
    public let hosting: Bool
    /// Memberwise.
    public init(roomId: Int64, hosting: Bool) {
        self.roomId = roomId
        self.hosting = hosting
    }
}

/// `hosting.get`: the sessions the person hosts, in time order.
public struct HostingReply: Codable, Sendable {
    /// The sessions, in time order (empty for most).
    public let sessions: [SessionSummary]
    /// Memberwise.
    public init(sessions: [SessionSummary]) {
        self.sessions = sessions
    }
}

/// The reply to `people.list`.
public struct PeopleListReply: Codable, Sendable {
    /// One page of people.
    public let people: [PersonRow]
    /// Whether there are more after this page.
    public let more: Bool
    /// Memberwise.
    public init(people: [PersonRow], more: Bool) {
        self.people = people
        self.more = more
    }
}

/// One room of the `admin.stats` dashboard: who is in it now and at most.
public struct RoomAttendance: Codable, Sendable, Equatable {
    /// The room's id.
    public let roomId: Int64
    /// Its session; nil for a room that is no session's (the channel).
    public let sessionId: Int64?
    /// The room's title.
    public let title: LocalizedText
    /// `scheduled`, `open`, `live` or `ended`.
    public let state: String
    /// People in the room now, each once however many tabs.
    public var present: Int
    /// The most people in it at once.
    public let peak: Int
    /// Memberwise.
    public init(roomId: Int64, sessionId: Int64?, title: LocalizedText, state: String, present: Int, peak: Int) {
        self.roomId = roomId
        self.sessionId = sessionId
        self.title = title
        self.state = state
        self.present = present
        self.peak = peak
    }
}

/// The welcome desk's figures on the `admin.stats` dashboard.
public struct DeskFigures: Codable, Sendable, Equatable {
    /// Tickets waiting for an agent.
    public let waiting: Int
    /// Tickets an agent has claimed.
    public let claimed: Int
    /// Tickets resolved since the start of the day.
    public let resolvedToday: Int
    /// Memberwise.
    public init(waiting: Int, claimed: Int, resolvedToday: Int) {
        self.waiting = waiting
        self.claimed = claimed
        self.resolvedToday = resolvedToday
    }
}

/// Bilateral meetings on the `admin.stats` dashboard, by status.
public struct MeetingFigures: Codable, Sendable, Equatable {
    /// Meeting requests made, whatever became of them.
    public let requested: Int
    /// Meetings booked (accepted, not yet held, cancelled or missed).
    public let accepted: Int
    /// Meetings marked held.
    public let held: Int
    /// Meetings cancelled.
    public let cancelled: Int
    /// Meetings marked no-show.
    public let noShow: Int
    /// Memberwise.
    public init(requested: Int, accepted: Int, held: Int, cancelled: Int, noShow: Int) {
        self.requested = requested
        self.accepted = accepted
        self.held = held
        self.cancelled = cancelled
        self.noShow = noShow
    }
}

/// Messages in one minute, for the `admin.stats` chart.
public struct MinuteCount: Codable, Sendable, Equatable {
    /// ISO 8601: the minute's start.
    public let minute: String
    /// Chat messages, questions, direct messages and desk messages in that minute.
    public let count: Int
    /// Memberwise.
    public init(minute: String, count: Int) {
        self.minute = minute
        self.count = count
    }
}

/// The reply to `admin.stats` (the organiser's dashboard, asked every 5 s while shown).
public struct AdminStatsReply: Codable, Sendable {
    /// People with an open socket now.
    public var onlineNow: Int
    /// People seen today.
    public let onlineToday: Int
    /// Accounts in all.
    public let registered: Int
    /// Session rooms and the channel that are open or live or have had anyone in them, live first.
    public var rooms: [RoomAttendance]
    /// The welcome desk's figures.
    public let desk: DeskFigures
    /// The bilateral meetings' figures.
    public let meetings: MeetingFigures
    /// The last 60 minutes, one count per minute.
    public let messagesPerMinute: [MinuteCount]
    /// Memberwise.
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

/// `audit.list`: a page of the audit log.
public struct AuditListRequest: Codable, Sendable {
    /// Only entries older than this entry id (the next page).
    public let before: Int64?
    /// How many, at most 200.
    public let limit: Int?
}

/// One action of the audit log (a host's, agent's or organiser's moderation or admin act).
public struct AuditEntry: Codable, Sendable, Equatable {
    /// The entry's id (what `before` names for the next page).
    public let id: Int64
    /// ISO 8601: when it was done.
    public let at: String
    /// Who did it; nil when the log names no one.
    public let actor: AuthorView?
    /// A message type (`room.mute`) or an HTTP route.
    public let action: String
    /// The ids the request named, as the log keeps them (`roomId=29 userId=6`).
    public let target: String
    /// The people, rooms and sessions among those ids, by name (empty when none, or when they are gone).
    public let names: [AuditName]
    /// The request's data as compact JSON.
    public let detail: String
    /// Memberwise; `names` defaults to empty.
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
    /// The id's name in the request (`userId`, `roomId`, `sessionId`…).
    public let key: String
    /// The id.
    public let id: Int64
    /// `person`, `room` or `session`.
    public let kind: String
    /// The person's name, or the room's or session's title in the reader's language.
    public let name: String
    /// Memberwise.
    public init(key: String, id: Int64, kind: String, name: String) {
        self.key = key
        self.id = id
        self.kind = kind
        self.name = name
    }
}

/// The reply to `audit.list`.
public struct AuditListReply: Codable, Sendable {
    /// The entries, newest first.
    public let entries: [AuditEntry]
    /// Whether there are older ones.
    public let more: Bool
    /// Memberwise.
    public init(entries: [AuditEntry], more: Bool) {
        self.entries = entries
        self.more = more
    }
}

/// An announcement not yet published, in the reply to `announce.scheduled`.
public struct ScheduledAnnouncement: Codable, Sendable, Equatable {
    /// The announcement's id (what `announce.cancel` names).
    public let id: Int64
    /// The text.
    public let text: String
    /// `info`, `warning` or `urgent`.
    public let level: String
    /// ISO 8601: when it will be published.
    public let publishAt: String
    /// ISO 8601: when it will be hidden; nil when never.
    public let expiresAt: String?
    /// The language of `text`; nil for announcements made before languages were recorded.
    public let lang: Language?
    /// Memberwise; `lang` defaults to nil.
    public init(id: Int64, text: String, level: String, publishAt: String, expiresAt: String?, lang: Language? = nil) {
        self.id = id
        self.text = text
        self.level = level
        self.lang = lang
        self.publishAt = publishAt
        self.expiresAt = expiresAt
    }
}

/// The reply to `announce.scheduled`.
public struct ScheduledAnnouncementsReply: Codable, Sendable {
    /// The announcements not yet published.
    public let announcements: [ScheduledAnnouncement]
    /// Memberwise.
    public init(announcements: [ScheduledAnnouncement]) { self.announcements = announcements }
}

/// `announce.cancel`: a scheduled announcement is dropped; a published one expires now.
public struct AnnounceCancelRequest: Codable, Sendable {
    /// The announcement's id (required).
    public let id: AnnouncementID?
}

/// `announcement.expired` on `seminar`: a published announcement was cancelled.
public struct AnnouncementExpired: Codable, Sendable {
    /// The announcement's id.
    public let id: Int64
    /// Memberwise.
    public init(id: Int64) { self.id = id }
}

/// One person of a participants import. Only an account the import created gets a one-time sign-in link: an
/// existing account is updated and listed without one (a link would let the importer act as that person).
public struct ImportedPersonView: Codable, Sendable, Equatable {
    /// The CSV line it came from.
    public let line: Int
    /// The person's email address.
    public let email: String
    /// The account's id.
    public let userId: Int64
    /// Whether the import created the account (false: an existing one was updated).
    public let created: Bool
    /// The new account's sign-in link; nil (left out) for an existing account.
    public let signInUrl: String?
    /// ISO 8601: when the sign-in link stops working; nil without a link.
    public let expiresAt: String?
    /// Memberwise.
    public init(line: Int, email: String, userId: Int64, created: Bool, signInUrl: String?, expiresAt: String?) {
        self.line = line
        self.email = email
        self.userId = userId
        self.created = created
        self.signInUrl = signInUrl
        self.expiresAt = expiresAt
    }
}

/// The reply to `POST /api/admin/participants`.
public struct ParticipantsImportReply: Codable, Sendable {
    /// Accounts created.
    public let created: Int
    /// Accounts updated.
    public let updated: Int
    /// Invitations queued (one per new person, when the import asked for them).
    public let invited: Int
    /// Every person of the file, by line.
    public let people: [ImportedPersonView]
    /// Memberwise; `invited` defaults to 0.
    public init(created: Int, updated: Int, invited: Int = 0, people: [ImportedPersonView]) {
        self.created = created
        self.updated = updated
        self.invited = invited
        self.people = people
    }
}

/// `GET /api/admin/invitations`: the latest invitation of each invited person, newest first, and the counts.
public struct InvitationsReply: Codable, Sendable, Equatable {
    /// Invited people whose latest invitation is queued or being sent.
    public let queued: Int
    /// Invited people whose latest invitation was sent.
    public let sent: Int
    /// Invited people whose latest invitation failed.
    public let failed: Int
    /// People invited who never signed in (whom "resend to all who never signed in" would reach).
    public let neverSignedIn: Int
    /// The invited people (500 at most).
    public let people: [InvitationView]
    /// Memberwise.
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
    /// The person's id.
    public let userId: Int64
    /// Their email address.
    public let email: String
    /// Their display name.
    public let displayName: String
    /// `queued`, `sent` or `failed`.
    public let status: String
    /// How many times sending was tried.
    public let attempts: Int
    /// Why the last try failed; nil when it did not.
    public let error: String?
    /// ISO 8601: when the invitation was queued.
    public let queuedAt: String
    /// Whether the person has signed in since.
    public let signedIn: Bool
    /// Memberwise.
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
    /// One person to invite again.
    public let userId: Int64?
    /// True: everyone invited who never signed in.
    public let neverSignedIn: Bool?
    /// Memberwise.
    public init(userId: Int64?, neverSignedIn: Bool?) {
        self.userId = userId
        self.neverSignedIn = neverSignedIn
    }
}

/// The reply to an invitations resend.
public struct ResendInvitationsReply: Codable, Sendable, Equatable {
    /// Invitations queued.
    public let queued: Int
    /// Memberwise.
    public init(queued: Int) { self.queued = queued }
}

/// `GET /api/admin/outbox?status=`: the newest mails (of that status), and the counts of all.
public struct OutboxReply: Codable, Sendable, Equatable {
    /// Mails queued or being sent (all of them, whatever `status` asked).
    public let queued: Int
    /// Mails sent.
    public let sent: Int
    /// Mails that failed.
    public let failed: Int
    /// The newest 200 mails of the status asked (of all, without one).
    public let mails: [OutboxMailView]
    /// Memberwise.
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
    /// The mail's id (what the retry names).
    public let id: Int64
    /// What it is: `invitation`, `password_reset`, `meeting_requested`, `meeting_accepted`, `meeting_declined`, `meeting_cancelled`, `meeting_plan`, `announcement`, `desk_reply` or `digest`.
    public let kind: String
    /// The address it goes to.
    public let recipient: String
    /// The mail's subject.
    public let subject: String
    /// `queued` (or being sent), `sent` or `failed`.
    public let status: String
    /// How many times sending was tried.
    public let attempts: Int
    /// Why the last try failed; nil when it did not.
    public let error: String?
    /// ISO 8601: when it was queued.
    public let createdAt: String
    /// ISO 8601: when it went out; nil until then.
    public let sentAt: String?
    /// Whether a retry can send it again.
    public let retryable: Bool
    /// Memberwise.
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
    /// One failed mail to send again.
    public let id: Int64?
    /// True: every failed mail that can be retried.
    public let allFailed: Bool?
}

/// The reply to an outbox retry.
public struct OutboxRetryReply: Codable, Sendable, Equatable {
    /// Mails queued again.
    public let queued: Int
    /// Memberwise.
    public init(queued: Int) { self.queued = queued }
}
