import SeminarCore

/// A person as others see them in the lounge (no email).
public struct PersonView: Codable, Sendable, Equatable {
    /// The person's id.
    public let id: Int64
    /// Their display name.
    public let displayName: String
    /// Their profile as they filled it in.
    public let profile: Profile
    /// Whether they have a socket open now.
    public let online: Bool
    /// Memberwise.
    public init(id: Int64, displayName: String, profile: Profile, online: Bool) {
        self.id = id
        self.displayName = displayName
        self.profile = profile
        self.online = online
    }
}

/// `profile.update`: any of these fields; an absent one is unchanged. The reply is the new PersonView.
public struct ProfileUpdateRequest: Codable, Sendable {
    /// The new display name (1–120 characters, one line, something visible).
    public let displayName: String?
    /// Their organisation.
    public let organisation: String?
    /// Their job title.
    public let title: String?
    /// Their city.
    public let city: String?
    /// Their country.
    public let country: String?
    /// A region key (`africa`, `asia-pacific`, `eurasia`, `europe`, `latin-america`, `middle-east-west-asia`, `north-america`, `metropolis`); "" clears it.
    public let region: String?
    /// A few words about them (≤ 2,000 characters).
    public let bio: String?
    /// Keys of the interests list (≤ 20).
    public let interests: [String]?
    /// What they offer: keys of the interests list (≤ 20).
    public let offers: [String]?
    /// What they look for: keys of the interests list (≤ 20).
    public let seeks: [String]?
    /// The languages they speak, as 2–3 letter codes.
    public let languages: [String]?
    /// Whether others may ask them for a meeting.
    public let acceptsMeetings: Bool?
}

/// `profile.get`: whose profile.
public struct UserRequest: Codable, Sendable {
    /// The person; absent: the sender.
    public let userId: Int64?
}

/// `people.search`: people by words and filters (blocked people left out).
public struct PeopleSearchRequest: Codable, Sendable {
    /// Words in the name, organisation or city (accent- and case-insensitive); absent: anyone.
    public let q: String?
    /// Only people of this region key.
    public let region: String?
    /// Only people with this interest key.
    public let interest: String?
    /// Only people who speak this language code.
    public let language: String?
    /// Only people online now.
    public let onlineOnly: Bool?
    /// How many, at most 100.
    public let limit: Int?
}

/// The reply to `people.search`, and the `lounge` snapshot (who is there now).
public struct PeopleReply: Codable, Sendable {
    /// The people.
    public let people: [PersonView]
    /// Memberwise.
    public init(people: [PersonView]) { self.people = people }
}

/// One interest of the seminar's list.
public struct InterestView: Codable, Sendable, Equatable {
    /// Its stable key (what profiles and filters name).
    public let key: String
    /// Its name in each language.
    public let name: LocalizedText
    /// Memberwise.
    public init(key: String, name: LocalizedText) {
        self.key = key
        self.name = name
    }
}

/// The reply to `interests.list` and `interests.set`.
public struct InterestsReply: Codable, Sendable {
    /// The interests, in order.
    public let interests: [InterestView]
    /// Memberwise.
    public init(interests: [InterestView]) { self.interests = interests }
}

/// `interests.set`: the organiser's new interests list.
public struct InterestsSetRequest: Codable, Sendable {
    /// The whole list (required).
    public let interests: [InterestView]?
}

/// `block.set`: block or unblock a person.
public struct BlockRequest: Codable, Sendable {
    /// The person (required; not the sender).
    public let userId: Int64?
    /// True (the default) blocks, false unblocks.
    public let blocked: Bool?
}

/// `dm.send`: a direct message.
public struct DMSendRequest: Codable, Sendable {
    /// The person it is for (not the sender).
    public let to: Int64?
    /// The text (1–2,000 characters).
    public let text: String?
}

/// A direct message: the `dm.message` event on both people's `user:` topics, and `dm.history`'s messages.
public struct DMView: Codable, Sendable, Equatable {
    /// The message's id.
    public let id: Int64
    /// Who sent it, with their role's badge.
    public let from: AuthorView
    /// Who it is for, with their role's badge.
    public let to: AuthorView
    /// The text (1–2,000 characters).
    public let text: String
    /// ISO 8601: when it was sent.
    public let at: String
    /// Memberwise.
    public init(id: Int64, from: AuthorView, to: AuthorView, text: String, at: String) {
        self.id = id
        self.from = from
        self.to = to
        self.text = text
        self.at = at
    }
}

/// `dm.history`: the sender's conversation with one person.
public struct DMHistoryRequest: Codable, Sendable {
    /// The other person (required).
    public let with: Int64?
    /// Messages older than this message id; absent: the latest.
    public let before: DirectMessageID?
}

/// The reply to `dm.history`.
public struct DMHistoryReply: Codable, Sendable {
    /// Up to 50 messages, oldest first.
    public let messages: [DMView]
    /// Whether there are older ones.
    public let more: Bool
    /// Memberwise.
    public init(messages: [DMView], more: Bool) {
        self.messages = messages
        self.more = more
    }
}

/// `dm.read`: the sender has read their conversation with one person.
public struct DMReadRequest: Codable, Sendable {
    /// The other person (required).
    public let with: Int64?
}

/// The reply to `dm.unread` and `dm.read`.
public struct UnreadReply: Codable, Sendable {
    /// Unread messages by the sender's id (as a string key).
    public let counts: [String: Int]
    /// Memberwise.
    public init(counts: [String: Int]) { self.counts = counts }
}

/// `match.suggestions`: people to meet.
public struct SuggestionsRequest: Codable, Sendable {
    /// How many, at most 50 (10 by default).
    public let limit: Int?
}

/// One person suggested to meet, with why.
public struct SuggestionView: Codable, Sendable {
    /// The person.
    public let person: PersonView
    /// How well they match: 2 per shared interest, 3 per offer meeting a seek (each way), 0.5 for another region.
    public let score: Double
    /// Why, in the reader's language.
    public let reasons: [String]
    /// Memberwise.
    public init(person: PersonView, score: Double, reasons: [String]) {
        self.person = person
        self.score = score
        self.reasons = reasons
    }
}

/// The reply to `match.suggestions`.
public struct SuggestionsReply: Codable, Sendable {
    /// The suggestions, best first.
    public let suggestions: [SuggestionView]
    /// Memberwise.
    public init(suggestions: [SuggestionView]) { self.suggestions = suggestions }
}

/// One conversation in a person's list of direct messages.
public struct ConversationView: Codable, Sendable, Equatable {
    /// The other person.
    public let with: AuthorView
    /// The last message's text.
    public let lastText: String
    /// ISO 8601: when the last message was sent.
    public let lastAt: String
    /// Messages from them the reader has not read.
    public let unread: Int
    /// Memberwise.
    public init(with: AuthorView, lastText: String, lastAt: String, unread: Int) {
        self.with = with
        self.lastText = lastText
        self.lastAt = lastAt
        self.unread = unread
    }
}

/// The reply to `dm.conversations`: latest first, 50 at most, blocked people left out.
public struct ConversationsReply: Codable, Sendable {
    /// The conversations.
    public let conversations: [ConversationView]
    /// Memberwise.
    public init(conversations: [ConversationView]) { self.conversations = conversations }
}
