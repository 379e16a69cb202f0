/// What a person may do in the seminar. Every account is at least a participant.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case participant
    case host
    case agent
    case organiser

    private var rank: Int {
        switch self {
        case .participant: 0
        case .host: 1
        case .agent: 2
        case .organiser: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// The languages of the seminar.
public enum Language: String, Sendable, Codable, CaseIterable {
    case fr, en, es

    /// The best supported locale for an `Accept-Language`-like tag such as `fr-CA`; `en` when none fits.
    public static func best(for tag: String?) -> Language {
        guard let tag else { return .en }
        let prefix = tag.lowercased().prefix(2)
        return Language(rawValue: String(prefix)) ?? .en
    }
}
