import SeminarCore
/// `announce`: an organiser's announcement to everyone, now or at `publishAt`.
public struct AnnounceRequest: Codable, Sendable {
    /// The text (1–2,000 characters).
    public let text: String?
    /// `info` (the default), `warning` or `urgent`.
    public let level: String?
    /// ISO 8601: the announcement is hidden after this time.
    public let expiresAt: String?
    /// ISO 8601: a scheduled announcement, published at this time.
    public let publishAt: String?
    /// `fr`, `en` or `es`; absent: the organiser's own locale.
    public let lang: String?
    /// Also by mail, to everyone who did not turn announcements off, when it is published.
    public let email: Bool?
    /// Memberwise; every field but `text` and `level` defaults to nil.
    public init(text: String?, level: String?, lang: String? = nil, expiresAt: String? = nil, publishAt: String? = nil, email: Bool? = nil) {
        self.email = email
        self.text = text
        self.level = level
        self.lang = lang
        self.expiresAt = expiresAt
        self.publishAt = publishAt
    }
}

/// The reply to `announce`.
public struct AnnounceReply: Codable, Sendable, Equatable {
    /// The new announcement's id.
    public let announcementId: Int64
    /// The seq of its `announcement` event on `seminar`; 0 while it is scheduled.
    public let seq: Int64
    /// Memberwise.
    public init(announcementId: Int64, seq: Int64) {
        self.announcementId = announcementId
        self.seq = seq
    }
}

/// Who wrote something (Author): `{id, displayName, badge?, photo?}`.
public struct AuthorView: Codable, Sendable, Equatable {
    /// The person's id.
    public let id: Int64
    /// Their display name (free text, chosen by the person; `badge` is what the server vouches for).
    public let displayName: String
    /// `host`, `organiser` or `agent` where the author speaks as one (see `Badge`); nil (left out) for everyone else.
    public let badge: Badge?
    /// The id of their profile photo (`GET /files/<id>`), where the list shows one (a room's people, the desk); nil
    /// (left out) otherwise.
    public let photo: Int64?
    /// Memberwise; no badge and no photo by default.
    public init(id: Int64, displayName: String, badge: Badge? = nil, photo: Int64? = nil) {
        self.id = id
        self.displayName = displayName
        self.badge = badge
        self.photo = photo
    }
}

/// The `data` of an `announcement` event on topic `seminar`.
public struct AnnouncementView: Codable, Sendable, Equatable {
    /// The announcement's id.
    public let id: Int64
    /// The seq of the event that announced it on topic `seminar`, so a client can merge snapshot and events.
    public let seq: Int64
    /// The text.
    public let text: String
    /// `info`, `warning` or `urgent`.
    public let level: String
    /// The organiser who made it.
    public let author: AuthorView
    /// ISO 8601: when it was published.
    public let at: String
    /// ISO 8601: when it will be hidden; nil when never.
    public let expiresAt: String?
    /// The language of `text`; nil for announcements made before languages were recorded.
    public let lang: Language?

    /// Memberwise.
    public init(id: Int64, seq: Int64, text: String, level: String, author: AuthorView, at: String, expiresAt: String? = nil,
                lang: Language? = nil) {
        self.id = id
        self.seq = seq
        self.text = text
        self.level = level
        self.lang = lang
        self.author = author
        self.at = at
        self.expiresAt = expiresAt
    }
}

/// The snapshot of topic `seminar`.
public struct SeminarSnapshot: Codable, Sendable {
    /// The latest 20 announcements not expired, oldest first.
    public let announcements: [AnnouncementView]
    /// The sessions whose rooms are live now.
    public let live: [LiveSessionView]
    /// The all-week channel; nil when the seminar has none.
    public let channel: ChannelView?
    /// Memberwise.
    public init(announcements: [AnnouncementView], live: [LiveSessionView], channel: ChannelView?) {
        self.announcements = announcements
        self.live = live
        self.channel = channel
    }
}

/// A session whose room is live, in the `seminar` snapshot's `live`.
public struct LiveSessionView: Codable, Sendable {
    /// The session's id.
    public let sessionId: Int64
    /// Its live room.
    public let roomId: Int64
    /// Its title by language code (`fr`, `en`, `es`).
    public let title: [String: String]
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// Memberwise.
    public init(sessionId: Int64, roomId: Int64, title: [String: String], startsAt: String, endsAt: String) {
        self.sessionId = sessionId
        self.roomId = roomId
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// The all-week channel on the home page: its room, stream, and what is on now and next.
public struct ChannelView: Codable, Sendable {
    /// The channel's room.
    public let roomId: Int64
    /// Its name in each language.
    public let name: LocalizedText
    /// Stream addresses by language: `floor`, `fr`, `en`, `es` (only those set).
    public let streams: [String: String]
    /// What is on now; nil when nothing is.
    public let now: ProgrammeView?
    /// What comes next; nil when nothing does.
    public let next: ProgrammeView?
    /// Memberwise.
    public init(roomId: Int64, name: LocalizedText, streams: [String: String], now: ProgrammeView?, next: ProgrammeView?) {
        self.roomId = roomId
        self.name = name
        self.streams = streams
        self.now = now
        self.next = next
    }
}

/// One programme of the channel: what and when.
public struct ProgrammeView: Codable, Sendable {
    /// Its title in each language.
    public let title: LocalizedText
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// Memberwise.
    public init(title: LocalizedText, startsAt: String, endsAt: String) {
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
