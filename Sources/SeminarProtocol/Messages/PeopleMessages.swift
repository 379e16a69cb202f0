import SeminarCore

/// A person as others see them in the lounge (no email).
public struct PersonView: Codable, Sendable, Equatable {
    public let id: Int64
    public let displayName: String
    public let profile: Profile
    public let online: Bool
    public init(id: Int64, displayName: String, profile: Profile, online: Bool) {
        self.id = id
        self.displayName = displayName
        self.profile = profile
        self.online = online
    }
}

public struct ProfileUpdateRequest: Codable, Sendable {
    public let displayName: String?
    public let organisation: String?
    public let title: String?
    public let city: String?
    public let country: String?
    public let region: String?
    public let bio: String?
    public let interests: [String]?
    public let offers: [String]?
    public let seeks: [String]?
    public let languages: [String]?
    public let acceptsMeetings: Bool?
}

public struct UserRequest: Codable, Sendable {
    public let userId: Int64?
}

public struct PeopleSearchRequest: Codable, Sendable {
    public let q: String?
    public let region: String?
    public let interest: String?
    public let language: String?
    public let onlineOnly: Bool?
    public let limit: Int?
}

public struct PeopleReply: Codable, Sendable {
    public let people: [PersonView]
    public init(people: [PersonView]) { self.people = people }
}

public struct InterestView: Codable, Sendable, Equatable {
    public let key: String
    public let name: LocalizedText
    public init(key: String, name: LocalizedText) {
        self.key = key
        self.name = name
    }
}

public struct InterestsReply: Codable, Sendable {
    public let interests: [InterestView]
    public init(interests: [InterestView]) { self.interests = interests }
}

public struct InterestsSetRequest: Codable, Sendable {
    public let interests: [InterestView]?
}

public struct BlockRequest: Codable, Sendable {
    public let userId: Int64?
    public let blocked: Bool?
}

public struct DMSendRequest: Codable, Sendable {
    public let to: Int64?
    public let text: String?
}

public struct DMView: Codable, Sendable, Equatable {
    public let id: Int64
    public let from: AuthorView
    public let to: AuthorView
    public let text: String
    public let at: String
    public init(id: Int64, from: AuthorView, to: AuthorView, text: String, at: String) {
        self.id = id
        self.from = from
        self.to = to
        self.text = text
        self.at = at
    }
}

public struct DMHistoryRequest: Codable, Sendable {
    public let with: Int64?
    public let before: Int64?
}

public struct DMHistoryReply: Codable, Sendable {
    public let messages: [DMView]
    public let more: Bool
    public init(messages: [DMView], more: Bool) {
        self.messages = messages
        self.more = more
    }
}

public struct DMReadRequest: Codable, Sendable {
    public let with: Int64?
}

public struct UnreadReply: Codable, Sendable {
    /// Unread messages by the sender's id (as a string key).
    public let counts: [String: Int]
    public init(counts: [String: Int]) { self.counts = counts }
}

public struct SuggestionsRequest: Codable, Sendable {
    public let limit: Int?
}

public struct SuggestionView: Codable, Sendable {
    public let person: PersonView
    public let score: Double
    public let reasons: [String]
    public init(person: PersonView, score: Double, reasons: [String]) {
        self.person = person
        self.score = score
        self.reasons = reasons
    }
}

public struct SuggestionsReply: Codable, Sendable {
    public let suggestions: [SuggestionView]
    public init(suggestions: [SuggestionView]) { self.suggestions = suggestions }
}

/// One conversation in a person's list of direct messages.
public struct ConversationView: Codable, Sendable, Equatable {
    public let with: AuthorView
    public let lastText: String
    public let lastAt: String
    public let unread: Int
    public init(with: AuthorView, lastText: String, lastAt: String, unread: Int) {
        self.with = with
        self.lastText = lastText
        self.lastAt = lastAt
        self.unread = unread
    }
}

public struct ConversationsReply: Codable, Sendable {
    public let conversations: [ConversationView]
    public init(conversations: [ConversationView]) { self.conversations = conversations }
}
