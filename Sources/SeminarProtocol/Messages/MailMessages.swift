/// `mail.prefs.get` / `mail.prefs.set`: which optional mails the person receives.
public struct MailPrefsReply: Codable, Sendable, Equatable {
    /// One optional mail topic and whether the person receives it.
    public struct Topic: Codable, Sendable, Equatable {
        /// `meetings`, `plan`, `desk`, `announcements` or `digest`.
        public let topic: String
        /// Whether the person receives it (on unless turned off).
        public let on: Bool
        /// Memberwise.
        public init(topic: String, on: Bool) {
            self.topic = topic
            self.on = on
        }
    }
    /// Every topic, in a stable order.
    public let topics: [Topic]
    /// Memberwise.
    public init(topics: [Topic]) { self.topics = topics }
}

/// `mail.prefs.set {topic, on}`.
public struct MailPrefsSetRequest: Codable, Sendable {
    /// The topic (required): one of `meetings`, `plan`, `desk`, `announcements`, `digest`.
    public let topic: String?
    /// On (true) or off (false); required.
    public let on: Bool?
}
