public struct AnnounceRequest: Codable, Sendable {
    public let text: String?
    public let level: String?
    public init(text: String?, level: String?) {
        self.text = text
        self.level = level
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
    public init(id: Int64, displayName: String) {
        self.id = id
        self.displayName = displayName
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

    public init(id: Int64, seq: Int64, text: String, level: String, author: AuthorView, at: String) {
        self.id = id
        self.seq = seq
        self.text = text
        self.level = level
        self.author = author
        self.at = at
    }
}

/// The snapshot of topic `seminar`.
public struct SeminarSnapshot: Codable, Sendable {
    public let announcements: [AnnouncementView]
    public let live: [LiveSessionView]
    public init(announcements: [AnnouncementView], live: [LiveSessionView]) {
        self.announcements = announcements
        self.live = live
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
