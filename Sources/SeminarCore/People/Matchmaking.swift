/// Why two people might meet, in words the viewer reads.
public struct MatchReason: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case sharedInterest, theyOffer, youOffer, sharedLanguage, otherRegion
    }

    public let kind: Kind
    /// The interest or language it is about.
    public let subject: String

    public init(kind: Kind, subject: String) {
        self.kind = kind
        self.subject = subject
    }
}

/// A scored suggestion.
public struct Match: Sendable, Equatable {
    public let user: UserID
    public let score: Double
    public let reasons: [MatchReason]
}

/// Who a person might meet: a score from what both typed. It only orders; both still choose.
public enum Matchmaking {
    public static let sharedInterest = 2.0
    public static let offerMeetsSeek = 3.0
    public static let otherRegion = 0.5

    public struct Candidate: Sendable {
        public let user: UserID
        public let profile: Profile
        public init(user: UserID, profile: Profile) {
            self.user = user
            self.profile = profile
        }
    }

    /// The score of `other` for `me`, or nil when they cannot be suggested (no shared language, not accepting).
    public static func score(_ me: Profile, _ other: Profile) -> (Double, [MatchReason])? {
        guard other.acceptsMeetings else { return nil }
        let languages = Set(me.languages).intersection(other.languages).sorted()
        guard let language = languages.first else { return nil }
        var score = 0.0
        var reasons: [MatchReason] = []
        for interest in Set(me.interests).intersection(other.interests).sorted() {
            score += sharedInterest
            reasons.append(MatchReason(kind: .sharedInterest, subject: interest))
        }
        for tag in Set(other.offers).intersection(me.seeks).sorted() {
            score += offerMeetsSeek
            reasons.append(MatchReason(kind: .theyOffer, subject: tag))
        }
        for tag in Set(me.offers).intersection(other.seeks).sorted() {
            score += offerMeetsSeek
            reasons.append(MatchReason(kind: .youOffer, subject: tag))
        }
        reasons.append(MatchReason(kind: .sharedLanguage, subject: language))
        if let mine = me.region, let theirs = other.region, mine != theirs {
            score += otherRegion
            reasons.append(MatchReason(kind: .otherRegion, subject: theirs.rawValue))
        }
        return (score, reasons)
    }

    /// The best `limit` candidates for `me`, excluding `excluded` people (blocked either way, already met or booked).
    public static func suggestions(for me: UserID, profile: Profile, candidates: [Candidate], excluded: Set<UserID>, limit: Int) -> [Match] {
        var matches: [Match] = []
        for candidate in candidates where candidate.user != me && !excluded.contains(candidate.user) {
            guard let (value, reasons) = score(profile, candidate.profile), value > 0 else { continue }
            matches.append(Match(user: candidate.user, score: value, reasons: reasons))
        }
        matches.sort { lhs, rhs in lhs.score != rhs.score ? lhs.score > rhs.score : lhs.user < rhs.user }
        return Array(matches.prefix(max(0, limit)))
    }

    /// A reason as a sentence in `language`; `label` names an interest or a language in that language.
    public static func text(_ reason: MatchReason, in language: Language, label: (String) -> String) -> String {
        let subject = label(reason.subject)
        switch (reason.kind, language) {
        case (.sharedInterest, .fr): return "vous partagez : \(subject)"
        case (.sharedInterest, .en): return "shared interest: \(subject)"
        case (.sharedInterest, .es): return "interés común: \(subject)"
        case (.theyOffer, .fr): return "propose ce que vous cherchez : \(subject)"
        case (.theyOffer, .en): return "offers what you seek: \(subject)"
        case (.theyOffer, .es): return "ofrece lo que busca: \(subject)"
        case (.youOffer, .fr): return "cherche ce que vous proposez : \(subject)"
        case (.youOffer, .en): return "seeks what you offer: \(subject)"
        case (.youOffer, .es): return "busca lo que usted ofrece: \(subject)"
        case (.sharedLanguage, .fr): return "parle \(subject)"
        case (.sharedLanguage, .en): return "both speak \(subject)"
        case (.sharedLanguage, .es): return "habla \(subject)"
        case (.otherRegion, .fr): return "d'une autre région : \(subject)"
        case (.otherRegion, .en): return "from another region: \(subject)"
        case (.otherRegion, .es): return "de otra región: \(subject)"
        }
    }

    /// Names of the seminar's three languages in each of them (others keep their code).
    public static func languageName(_ code: String, in language: Language) -> String {
        let names: [String: [Language: String]] = [
            "fr": [.fr: "français", .en: "French", .es: "francés"],
            "en": [.fr: "anglais", .en: "English", .es: "inglés"],
            "es": [.fr: "espagnol", .en: "Spanish", .es: "español"],
        ]
        return names[code]?[language] ?? code
    }
}
