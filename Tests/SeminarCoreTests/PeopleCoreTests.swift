import SeminarCore
import Testing

@Suite("people: profiles, matchmaking, search queries")
struct PeopleCoreTests {
    static func profile(_ interests: [String] = [], offers: [String] = [], seeks: [String] = [], languages: [String] = ["en"],
                        region: Region? = nil, accepts: Bool = true) -> Profile {
        var p = Profile()
        p.interests = interests
        p.offers = offers
        p.seeks = seeks
        p.languages = languages
        p.region = region
        p.acceptsMeetings = accepts
        return p
    }

    @Test("score: shared interests, offers meeting seeks both ways, a bonus for another region; reasons in the viewer's language")
    func scoring() throws {
        let me = Self.profile(["climate", "housing"], offers: ["finance"], seeks: ["mobility"], languages: ["fr", "es"], region: .europe)
        let other = Self.profile(["climate"], offers: ["mobility"], seeks: ["finance"], languages: ["es"], region: .latinAmerica)
        let (score, reasons) = try #require(Matchmaking.score(me, other))
        #expect(score == Matchmaking.sharedInterest + 2 * Matchmaking.offerMeetsSeek + Matchmaking.otherRegion)
        #expect(reasons.map(\.kind) == [.sharedInterest, .theyOffer, .youOffer, .sharedLanguage, .otherRegion])
        let french = reasons.map { Matchmaking.text($0, in: .fr) { $0 == "climate" ? "climat" : Matchmaking.languageName($0, in: .fr) } }
        #expect(french.first == "vous partagez : climat")
        #expect(french.contains("parle espagnol"))
        #expect(Matchmaking.text(MatchReason(kind: .sharedLanguage, subject: "es"), in: .es) { Matchmaking.languageName($0, in: .es) } == "habla español")
    }

    @Test("a region reads as its name in each language, never as its key")
    func regionNames() {
        #expect(Region.europe.name(in: .en) == "Europe" && Region.latinAmerica.name(in: .fr) == "Amérique latine")
        #expect(Region.middleEastWestAsia.name(in: .es) == "Oriente Medio y Asia Occidental")
        for region in Region.allCases {
            for language in Language.allCases {
                #expect(!region.name(in: language).isEmpty && region.name(in: language) != region.rawValue)
            }
        }
    }

    @Test("no shared language, or not accepting meetings: no suggestion")
    func requirements() {
        #expect(Matchmaking.score(Self.profile(["climate"], languages: ["fr"]), Self.profile(["climate"], languages: ["en"])) == nil)
        #expect(Matchmaking.score(Self.profile(["climate"]), Self.profile(["climate"], accepts: false)) == nil)
    }

    @Test("suggestions: ordered by score, excluding oneself, the excluded and zero scores")
    func suggestions() {
        let me = UserID(1)
        let candidates = [
            Matchmaking.Candidate(user: UserID(2), profile: Self.profile(["climate"])),
            Matchmaking.Candidate(user: UserID(3), profile: Self.profile(["climate", "housing"])),
            Matchmaking.Candidate(user: UserID(4), profile: Self.profile(["culture"])),
            Matchmaking.Candidate(user: UserID(5), profile: Self.profile(["climate", "housing"])),
            Matchmaking.Candidate(user: me, profile: Self.profile(["climate", "housing"])),
        ]
        let result = Matchmaking.suggestions(for: me, profile: Self.profile(["climate", "housing"]), candidates: candidates,
                                             excluded: [UserID(5)], limit: 10)
        #expect(result.map(\.user) == [UserID(3), UserID(2)])
    }

    @Test("profile edits: known interests only, regions by name, language codes")
    func profileEdit() throws {
        let known: Set<String> = ["climate", "housing"]
        let edited = try ProfileEdit(city: "  Dakar ", region: "africa", interests: ["climate", "climate"], languages: ["FR", "wo"])
            .apply(to: Profile(), known: known)
        #expect(edited.city == "Dakar" && edited.region == .africa && edited.interests == ["climate"] && edited.languages == ["fr", "wo"])
        #expect(throws: DomainError.self) { try ProfileEdit(interests: ["astrology"]).apply(to: Profile(), known: known) }
        #expect(throws: DomainError.self) { try ProfileEdit(region: "atlantis").apply(to: Profile(), known: known) }
        #expect(throws: DomainError.self) { try ProfileEdit(languages: ["français"]).apply(to: Profile(), known: known) }
        #expect(throws: DomainError.self) { try ProfileEdit(bio: String(repeating: "b", count: 2_001)).apply(to: Profile(), known: known) }
    }

    @Test("typed searches become quoted prefix terms; operators are words", arguments: [
        ("coopération", #""coopération"*"#), (#"a "b" OR c"#, #""a"* "b"* "OR"* "c"*"#), ("NEAR(x y)", #""NEAR"* "x"* "y"*"#),
        ("  ", nil), ("***", nil),
    ] as [(String, String?)])
    func searchQuery(typed: String, expected: String?) {
        #expect(SearchQuery.fts(typed) == expected)
    }
}

@Suite("document search queries")
struct DocumentQueryTests {
    @Test("little words go when others remain; only the last word is a prefix; operators are words", arguments: [
        ("la coopération décentralisée", SearchTerms(words: ["coopération", "décentralisée"], lastIsPrefix: true)),
        ("The Rome Charter", SearchTerms(words: ["Rome", "Charter"], lastIsPrefix: true)),
        ("de la", SearchTerms(words: ["de", "la"], lastIsPrefix: false)), ("NEAR(x", SearchTerms(words: ["NEAR", "x"], lastIsPrefix: false)),
        ("coop", SearchTerms(words: ["coop"], lastIsPrefix: true)), ("  \"  ", nil),
    ] as [(String, SearchTerms?)])
    func documents(typed: String, expected: SearchTerms?) {
        #expect(SearchQuery.documents(typed) == expected)
    }

    @Test("no word makes no terms")
    func noTerms() {
        #expect(SearchTerms(words: [], lastIsPrefix: true) == nil)
        #expect(SearchTerms(words: ["a", ""], lastIsPrefix: false) == nil)
    }
}

@Suite("meeting rules")
struct MeetingRulesTests {
    static func t(_ minutes: Int64) -> Timestamp { Timestamp(seconds: 1_800_000_000 + minutes * 60) }

    @Test("a grid: equal, non-overlapping slots and at least one table")
    func grid() throws {
        #expect(try MeetingRules.validateGrid([(Self.t(0), Self.t(20)), (Self.t(30), Self.t(50))], tables: 5) == 5)
        #expect(throws: DomainError.self) { try MeetingRules.validateGrid([(Self.t(0), Self.t(20)), (Self.t(10), Self.t(30))], tables: 5) }
        #expect(throws: DomainError.self) { try MeetingRules.validateGrid([(Self.t(0), Self.t(20)), (Self.t(30), Self.t(40))], tables: 5) }
        #expect(throws: DomainError.self) { try MeetingRules.validateGrid([(Self.t(0), Self.t(20))], tables: 0) }
        #expect(throws: DomainError.self) { try MeetingRules.validateGrid([], tables: 1) }
    }

    @Test("a proposal: known, future, 1 to 5 slots")
    func proposal() throws {
        let grid = [SlotID(1): MeetingSlot(id: SlotID(1), startsAt: Self.t(60), endsAt: Self.t(80), tables: 2),
                    SlotID(2): MeetingSlot(id: SlotID(2), startsAt: Self.t(-60), endsAt: Self.t(-40), tables: 2)]
        #expect(try MeetingRules.validateProposal([SlotID(1), SlotID(1)], grid: grid, now: Self.t(0)).map(\.id) == [SlotID(1)])
        #expect(throws: DomainError.self) { try MeetingRules.validateProposal([SlotID(2)], grid: grid, now: Self.t(0)) }
        #expect(throws: DomainError.self) { try MeetingRules.validateProposal([SlotID(9)], grid: grid, now: Self.t(0)) }
        #expect(throws: DomainError.self) { try MeetingRules.validateProposal([], grid: grid, now: Self.t(0)) }
    }

    @Test("requests expire after the configured hours")
    func expiry() {
        #expect(!MeetingRules.isExpired(createdAt: Self.t(0), now: Self.t(47 * 60), expiryHours: 48))
        #expect(MeetingRules.isExpired(createdAt: Self.t(0), now: Self.t(48 * 60), expiryHours: 48))
    }
}
