import SeminarCore
import Testing

@Suite("validation of what people type")
struct ValidationTests {
    @Test("emails are trimmed, lower-cased and checked")
    func emails() throws {
        #expect(try Validate.email("  Ana@Example.ORG ") == "ana@example.org")
        #expect(throws: DomainError.invalid("email", "email is required")) { try Validate.email("  ") }
        for bad in ["ana", "ana@", "@x.org", "ana@x", "a b@x.org", "ana@.org", "a@b@c.org", "<a@x.org>"] {
            #expect(throws: DomainError.invalid("email", "email is not a valid address")) { try Validate.email(bad) }
        }
    }

    @Test("passwords need 8 to 200 characters")
    func passwords() throws {
        #expect(throws: DomainError.self) { try Validate.password("short") }
        #expect(throws: DomainError.self) { try Validate.password(String(repeating: "p", count: 201)) }
        #expect(try Validate.password("eight ch") == "eight ch")
    }

    @Test("names and texts: required, trimmed, limited; the error names the field")
    func texts() throws {
        #expect(try Validate.displayName("  Léa  ") == "Léa")
        do {
            _ = try Validate.displayName(String(repeating: "é", count: 121))
            Issue.record("a 121-character name was accepted")
        } catch {
            #expect(error.field == "displayName" && error.code == .invalid)
        }
        #expect(throws: DomainError.self) { try Validate.text(" \n ", field: "text", max: 10) }
        #expect(try Validate.text(nil, field: "bio", max: 10, required: false) == "")
    }

    @Test("an announcement needs text and a known level")
    func announcements() throws {
        let ok = try NewAnnouncement(text: " Plenary starts ", level: nil)
        #expect(ok.text == "Plenary starts" && ok.level == .info)
        #expect(throws: DomainError.invalid("level", "level must be one of info, warning, urgent")) {
            try NewAnnouncement(text: "x", level: "loud")
        }
        #expect(throws: DomainError.self) { try NewAnnouncement(text: String(repeating: "a", count: 2_001), level: "urgent") }
    }

    @Test("an announcement's language is the one asked for, else its author's; anything else names lang")
    func announcementLanguage() throws {
        #expect(try NewAnnouncement(text: "Hola", level: nil, lang: "es", authorLocale: .fr).lang == .es)
        #expect(try NewAnnouncement(text: "Bonjour", level: nil, lang: nil, authorLocale: .fr).lang == .fr)
        #expect(try NewAnnouncement.language(nil, authorLocale: .es) == .es)
        for bad in ["", "de", "EN", "fr-CA", " fr"] {
            #expect(throws: DomainError.invalid("lang", "lang must be fr, en or es")) {
                try NewAnnouncement(text: "x", level: nil, lang: bad, authorLocale: .en)
            }
        }
    }

    @Test("the token bucket allows a burst, then one per 1/rate seconds")
    func tokenBucket() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: 0)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == 500)
        #expect(bucket.take(now: 0.5) == nil)
        #expect(bucket.take(now: 0.5) == 500)
        #expect(bucket.take(now: 10) == nil)  // refilled, but never above the burst
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) != nil)
    }

    @Test("a token bucket kept by a store goes on where it was; it is full again at fullAt, the same as a new one")
    func tokenBucketKept() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: 0)
        #expect(bucket.take(now: 0) == nil && bucket.take(now: 0) == nil)
        #expect(bucket.fullAt == 1)
        var kept = TokenBucket(rate: 2, burst: 3, tokens: bucket.tokens, last: bucket.last)
        #expect(kept.take(now: 0) == nil && kept.take(now: 0) == 500)
        #expect(TokenBucket(rate: 2, burst: 3, tokens: 9, last: 0).tokens == 3)  // the burst lowered since it was kept
        #expect(TokenBucket(rate: 2, burst: 3, now: 7).fullAt == 7)
    }

    @Test("languages fall back to English")
    func languages() {
        #expect(Language.best(for: "fr-CA") == .fr)
        #expect(Language.best(for: "ES") == .es)
        #expect(Language.best(for: "de") == .en)
        #expect(Language.best(for: nil) == .en)
        let text = LocalizedText(fr: "Bonjour", es: "Hola")
        #expect(text.resolved(.es)?.text == "Hola")
        #expect(text.resolved(.en)?.language == .fr)
    }
}
