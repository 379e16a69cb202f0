import SeminarCore
public struct AnnounceRequest: Codable, Sendable {
    public let text: String?
    public let level: String?
    /// ISO 8601: the announcement is hidden after this time.
    public let expiresAt: String?
    /// ISO 8601: a scheduled announcement, published at this time.
    public let publishAt: String?
    /// `fr`, `en` or `es`; absent: the organiser's own locale.
    public let lang: String?
    /// Also by mail, to everyone who did not turn announcements off, when it is published.
    public let email: Bool?
    public init(text: String?, level: String?, lang: String? = nil, expiresAt: String? = nil, publishAt: String? = nil, email: Bool? = nil) {
        self.email = email
        self.text = text
        self.level = level
        self.lang = lang
        self.expiresAt = expiresAt
        self.publishAt = publishAt
    }
}

public struct AnnounceReply: Codable, Sendable, Equatable {
    public let announcementId: Int64
    public let seq: Int64
    public init(announcementId: Int64, seq: Int64) {
        self.announcementId = announcementId
        self.seq = seq
    }
}

public struct AuthorView: Codable, Sendable, Equatable {
    public let id: Int64
    public let displayName: String
    /// `host`, `organiser` or `agent` where the author speaks as one (see `Badge`); nil (left out) for everyone else.
    public let badge: Badge?
    /// The id of their profile photo (`GET /files/<id>`), where the list shows one (a room's people, the desk); nil
    /// (left out) otherwise.
    public let photo: Int64?
    public init(id: Int64, displayName: String, badge: Badge? = nil, photo: Int64? = nil) {
        self.id = id
        self.displayName = displayName
        self.badge = badge
        self.photo = photo
    }
}

/// The `data` of an `announcement` event on topic `seminar`.
public struct AnnouncementView: Codable, Sendable, Equatable {
    public let id: Int64
    /// The seq of the event that announced it on topic `seminar`, so a client can merge snapshot and events.
    public let seq: Int64
    public let text: String
    public let level: String
    public let author: AuthorView
    public let at: String
    public let expiresAt: String?
    /// The language of `text`; nil for announcements made before languages were recorded.
    public let lang: Language?

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
    public let announcements: [AnnouncementView]
    public let live: [LiveSessionView]
    public let channel: ChannelView?
    public init(announcements: [AnnouncementView], live: [LiveSessionView], channel: ChannelView?) {
        self.announcements = announcements
        self.live = live
        self.channel = channel
    }
}

public struct LiveSessionView: Codable, Sendable {
    public let sessionId: Int64
    public let roomId: Int64
    public let title: [String: String]
    public let startsAt: String
    public let endsAt: String
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
    public let roomId: Int64
    public let name: LocalizedText
    public let streams: [String: String]
    public let now: ProgrammeView?
    public let next: ProgrammeView?
    public init(roomId: Int64, name: LocalizedText, streams: [String: String], now: ProgrammeView?, next: ProgrammeView?) {
        self.roomId = roomId
        self.name = name
        self.streams = streams
        self.now = now
        self.next = next
    }
}

public struct ProgrammeView: Codable, Sendable {
    public let title: LocalizedText
    public let startsAt: String
    public let endsAt: String
    public init(title: LocalizedText, startsAt: String, endsAt: String) {
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
