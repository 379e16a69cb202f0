/// How loudly an announcement is shown.
public enum AnnouncementLevel: String, Sendable, Codable, CaseIterable {
    case info, warning, urgent
}

/// A validated announcement, ready to be stored.
public struct NewAnnouncement: Sendable, Equatable {
    public let text: String
    public let level: AnnouncementLevel

    /// Checks an organiser's `announce` request.
    public init(text: String?, level: String?) throws(DomainError) {
        self.text = try Validate.text(text, field: "text", max: TextLimits.announcement)
        guard let parsed = AnnouncementLevel(rawValue: level ?? "info") else {
            throw .invalid("level", "level must be one of info, warning, urgent")
        }
        self.level = parsed
    }
}
