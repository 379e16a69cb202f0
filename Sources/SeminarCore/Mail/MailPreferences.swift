/// Which optional mails a person receives: every ``MailTopic`` is on until they turn it off (in their profile, or
/// with the one-click link at the foot of such a mail). Invitations and account mails have no topic: always sent.
public struct MailPreferences: Sendable, Equatable {
    public var off: Set<MailTopic>

    public init(off: Set<MailTopic> = []) {
        self.off = off
    }

    public func isOn(_ topic: MailTopic) -> Bool { !off.contains(topic) }

    /// A topic by its wire name; a kind that is always sent (or anything else) is refused.
    public static func topic(_ name: String?) throws(DomainError) -> MailTopic {
        guard let name, let topic = MailTopic(rawValue: name) else {
            throw DomainError.invalid("topic", "topic is one of \(MailTopic.allCases.map(\.rawValue).joined(separator: ", ")); invitations and account mails are always sent")
        }
        return topic
    }
}
