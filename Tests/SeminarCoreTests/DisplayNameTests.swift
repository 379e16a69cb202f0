import SeminarCore
import Testing

@Suite("display names that show someone, and badges that tell staff apart")
struct DisplayNameTests {
    @Test("ordinary names in any script pass, trimmed", arguments: [
        "Léa", "Amina Diallo", "محمد", "שרה", "李小龍", "Nguyễn Thị Minh Khai", "👩🏽‍💻 Ana", "Zoë\u{301}", "नमस्ते", "مهدی\u{200C}زاده",
    ])
    func accepted(name: String) throws {
        #expect(try Validate.displayName("  \(name) ") == name)
    }

    @Test("names that show nothing are refused, naming the field", arguments: [
        "\u{200B}", "\u{200B}\u{200C}\u{200D}", "\u{2060}", "\u{FEFF}", "\u{301}\u{302}\u{303}", "\u{20DD}", "\u{3164}", "\u{115F}\u{1160}",
        "\u{2800}", "\u{00AD}", "\u{FE0F}", "\u{180E}", " \u{200B} \u{3000} ", "\u{E0041}",
    ])
    func invisible(name: String) {
        #expect(throws: DomainError.invalid("displayName", "displayName has no visible character")) { try Validate.displayName(name) }
    }

    @Test("names that turn the text around them are refused", arguments: [
        "\u{202E}tsoH", "Ana\u{202A}", "Ana\u{202B}x", "Ana\u{202C}", "Ana\u{202D}", "\u{2066}Ana\u{2069}", "\u{2067}Ana", "\u{2068}Ana",
        "Ana\u{200E}", "Ana\u{200F}", "Ana\u{061C}", "\u{202E}",
    ])
    func reordering(name: String) throws {
        do {
            _ = try Validate.displayName(name)
            Issue.record("accepted \(name.unicodeScalars.map { String($0.value, radix: 16) })")
        } catch {
            #expect(error.code == .invalid && error.field == "displayName" && error.message.contains("direction"))
        }
    }

    @Test("a name is one line; empty and long names are refused; the field is the caller's")
    func lines() throws {
        for name in ["Ana\nHost", "Ana\tB", "Ana\u{2028}B", "Ana\u{85}B"] {
            #expect(throws: DomainError.invalid("name", "name must be one line, without tabs or control characters")) {
                try Validate.displayName(name, field: "name")
            }
        }
        #expect(throws: DomainError.invalid("displayName", "displayName is required")) { try Validate.displayName("   ") }
        #expect(throws: DomainError.self) { try Validate.displayName(String(repeating: "a", count: 121)) }
        #expect(throws: DomainError.self) { try Validate.displayName("A\u{0}") }
    }

    @Test("a participants file goes through the same rule: each bad name is a problem of its line, field name")
    func importedNames() {
        let text = "email,name\na@x.org,\u{202E}tsoH\nb@x.org,\u{200B}\u{200B}\nc@x.org,\u{301}\nd@x.org,Dina\n\"e@x.org\",\"E\nF\"\n"
        guard case .failure(let failure) = ParticipantImport.parse(text, knownInterests: [:], existing: []) else {
            Issue.record("a file with hidden and reordering names was accepted")
            return
        }
        #expect(failure.problems.map(\.line) == [2, 3, 4, 6])
        #expect(failure.problems.allSatisfy { $0.field == "name" && $0.message.hasPrefix("name ") })
    }

    @Test("badges in a room: organisers, this room's hosts, agents; elsewhere by role")
    func badges() {
        #expect(Badge.inRoom(role: .organiser, hostsRoom: false) == .organiser)
        #expect(Badge.inRoom(role: .participant, hostsRoom: true) == .host)
        #expect(Badge.inRoom(role: .host, hostsRoom: true) == .host)
        #expect(Badge.inRoom(role: .host, hostsRoom: false) == nil)
        #expect(Badge.inRoom(role: .agent, hostsRoom: false) == .agent)
        #expect(Badge.inRoom(role: .participant, hostsRoom: false) == nil)
        #expect(Role.allCases.map(Badge.of(role:)) == [nil, .host, .agent, .organiser])
    }
}
