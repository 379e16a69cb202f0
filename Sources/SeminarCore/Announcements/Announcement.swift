/// How loudly an announcement is shown.
public enum AnnouncementLevel: String, Sendable, Codable, CaseIterable {
    case info, warning, urgent
}

/// A validated announcement, ready to be stored.
public struct NewAnnouncement: Sendable, Equatable {
    public let text: String
    public let level: AnnouncementLevel
    /// The language it is written in, so that readers of another language see it marked.
    public let lang: Language
    /// Hidden after this time.
    public let expiresAt: Timestamp?
    /// Published at this time rather than now.
    public let publishAt: Timestamp?
    /// Also mailed to everyone (who did not turn announcements off) when it is published.
    public let byMail: Bool

    /// Checks an organiser's `announce` request: times are ISO 8601, a schedule is in the future (within 30 days),
    /// and an expiry comes after the publication. `lang` is absent (the author's own locale) or one of fr, en, es.
    public init(text: String?, level: String?, lang: String? = nil, authorLocale: Language = .en,
                expiresAt: String? = nil, publishAt: String? = nil, now: Timestamp? = nil, byMail: Bool = false) throws(DomainError) {
        self.byMail = byMail
        self.text = try Validate.text(text, field: "text", max: TextLimits.announcement)
        guard let parsed = AnnouncementLevel(rawValue: level ?? "info") else {
            throw .invalid("level", "level must be one of info, warning, urgent")
        }
        self.level = parsed
        self.lang = try Self.language(lang, authorLocale: authorLocale)
        func time(_ value: String?, _ field: String) throws(DomainError) -> Timestamp? {
            guard let value, !value.isEmpty else { return nil }
            guard let stamp = Timestamp(iso8601: value) else { throw .invalid(field, "\(field) must be an ISO 8601 time such as 2026-02-15T10:00:00Z") }
            return stamp
        }
        self.publishAt = try time(publishAt, "publishAt")
        self.expiresAt = try time(expiresAt, "expiresAt")
        if let now, let publish = self.publishAt {
            guard publish.milliseconds > now.milliseconds else { throw .invalid("publishAt", "publishAt must be in the future") }
            guard publish.milliseconds <= now.milliseconds + 30 * 86_400_000 else { throw .invalid("publishAt", "publishAt is at most 30 days ahead") }
        }
        if let expiry = self.expiresAt {
            let start = self.publishAt ?? now ?? expiry
            guard expiry.milliseconds > start.milliseconds || now == nil && self.publishAt == nil else {
                throw .invalid("expiresAt", "expiresAt must come after the announcement is published")
            }
        }
    }

    /// The language of an announcement: the one asked for, or the author's own locale when none is given.
    public static func language(_ requested: String?, authorLocale: Language) throws(DomainError) -> Language {
        guard let requested else { return authorLocale }
        guard let language = Language(rawValue: requested) else { throw .invalid("lang", "lang must be fr, en or es") }
        return language
    }
}

/// An announcement as stored: published (`seq` > 0: the seq of its event on topic `seminar`) or waiting for
/// `publishAt`.
public struct Announcement: Sendable, Equatable {
    public let id: AnnouncementID
    /// 0 while it waits for its time.
    public let seq: Int64
    public let text: String
    public let level: String
    public let author: Author
    /// When it was published (or made, while it waits).
    public let at: Timestamp
    public let publishAt: Timestamp?
    public let expiresAt: Timestamp?
    /// The language of `text`; nil for announcements made before languages were recorded.
    public let lang: Language?

    public init(id: AnnouncementID, seq: Int64, text: String, level: String, author: Author, at: Timestamp, publishAt: Timestamp?, expiresAt: Timestamp?,
                lang: Language?) {
        self.id = id
        self.seq = seq
        self.text = text
        self.level = level
        self.author = author
        self.at = at
        self.publishAt = publishAt
        self.expiresAt = expiresAt
        self.lang = lang
    }
}

/// What topic `seminar` shows on arrival: the latest announcements (oldest first), the sessions live now, the channel.
public struct SeminarState: Sendable, Equatable {
    public let announcements: [Announcement]
    public let live: [LiveSession]
    public let channel: SeminarChannel?

    public init(announcements: [Announcement], live: [LiveSession], channel: SeminarChannel?) {
        self.announcements = announcements
        self.live = live
        self.channel = channel
    }
}
