/// UCLG's world regions (plus Metropolis, its section of large cities).
public enum Region: String, Sendable, Codable, CaseIterable {
    case africa = "africa"
    case asiaPacific = "asia-pacific"
    case eurasia = "eurasia"
    case europe = "europe"
    case latinAmerica = "latin-america"
    case middleEastWestAsia = "middle-east-west-asia"
    case northAmerica = "north-america"
    case metropolis = "metropolis"

    /// A region by its key or its name in any of the seminar's languages, ignoring case, accents and punctuation:
    /// "Middle East & West Asia", "Amérique latine", "latin-america".
    public static func parse(_ text: String) -> Region? {
        let key = TextFold.slug(text)
        return Region(rawValue: key)
            ?? allCases.first { region in Language.allCases.contains { TextFold.slug(region.name(in: $0)) == key } }
    }
}

/// What a person says about themself in the lounge.
public struct Profile: Sendable, Codable, Equatable {
    public var organisation: String = ""
    public var title: String = ""
    public var city: String = ""
    public var country: String = ""
    public var region: Region?
    public var bio: String = ""
    public var interests: [String] = []
    public var offers: [String] = []
    public var seeks: [String] = []
    /// Language codes, e.g. `fr`, `en`, `es`, `pt`, `ar`.
    public var languages: [String] = []
    public var acceptsMeetings = true
    /// The id of the person's photo (a file: ``ProfilePhoto``), nil without one.
    public var photo: FileID?

    public init() {}
}

/// A `profile.update`: nil leaves a field as it is.
public struct ProfileEdit: Sendable {
    public var displayName: String?
    public var organisation: String?
    public var title: String?
    public var city: String?
    public var country: String?
    public var region: String?
    public var bio: String?
    public var interests: [String]?
    public var offers: [String]?
    public var seeks: [String]?
    public var languages: [String]?
    public var acceptsMeetings: Bool?

    public init(displayName: String? = nil, organisation: String? = nil, title: String? = nil, city: String? = nil, country: String? = nil,
                region: String? = nil, bio: String? = nil, interests: [String]? = nil, offers: [String]? = nil, seeks: [String]? = nil,
                languages: [String]? = nil, acceptsMeetings: Bool? = nil) {
        self.displayName = displayName
        self.organisation = organisation
        self.title = title
        self.city = city
        self.country = country
        self.region = region
        self.bio = bio
        self.interests = interests
        self.offers = offers
        self.seeks = seeks
        self.languages = languages
        self.acceptsMeetings = acceptsMeetings
    }

    /// Applies the edit; interests, offers and seeks must come from `known` (the organisers' list).
    public func apply(to profile: Profile, known: Set<String>) throws(DomainError) -> Profile {
        var p = profile
        func line(_ value: String?, _ field: String, _ old: String) throws(DomainError) -> String {
            guard let value else { return old }
            return try Validate.text(value, field: field, max: TextLimits.name, required: false)
        }
        func tags(_ value: [String]?, _ field: String, _ old: [String]) throws(DomainError) -> [String] {
            guard let value else { return old }
            guard value.count <= 20 else { throw .invalid(field, "at most 20 \(field)") }
            var seen = Set<String>()
            for tag in value where !known.contains(tag) {
                throw .invalid(field, "'\(tag.prefix(40))' is not one of the seminar's interests")
            }
            return value.filter { seen.insert($0).inserted }
        }
        p.organisation = try line(organisation, "organisation", p.organisation)
        p.title = try line(title, "title", p.title)
        p.city = try line(city, "city", p.city)
        p.country = try line(country, "country", p.country)
        if let region {
            if region.isEmpty { p.region = nil } else {
                guard let parsed = Region(rawValue: region) else {
                    throw .invalid("region", "region must be one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                p.region = parsed
            }
        }
        if let bio { p.bio = try Validate.text(bio, field: "bio", max: 2_000, required: false) }
        p.interests = try tags(interests, "interests", p.interests)
        p.offers = try tags(offers, "offers", p.offers)
        p.seeks = try tags(seeks, "seeks", p.seeks)
        if let languages {
            let codes = languages.map { $0.lowercased().trimmingWhitespace() }
            guard codes.count <= 10, codes.allSatisfy({ $0.count >= 2 && $0.count <= 3 && $0.allSatisfy(\.isLetter) }) else {
                throw .invalid("languages", "languages are two- or three-letter codes such as fr, en, es")
            }
            var seen = Set<String>()
            p.languages = codes.filter { seen.insert($0).inserted }
        }
        if let acceptsMeetings { p.acceptsMeetings = acceptsMeetings }
        return p
    }
}
