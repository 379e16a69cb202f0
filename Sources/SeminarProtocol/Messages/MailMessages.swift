/// `mail.prefs.get` / `mail.prefs.set`: which optional mails the person receives.
public struct MailPrefsReply: Codable, Sendable, Equatable {
    public struct Topic: Codable, Sendable, Equatable {
        public let topic: String
        public let on: Bool
        public init(topic: String, on: Bool) {
            self.topic = topic
            self.on = on
        }
    }
    /// Every topic, in a stable order.
    public let topics: [Topic]
    public init(topics: [Topic]) { self.topics = topics }
}

/// `mail.prefs.set {topic, on}`.
public struct MailPrefsSetRequest: Codable, Sendable {
    public let topic: String?
    public let on: Bool?
}
