import SeminarCore
import Testing

@Suite("CSV and the participants file")
struct CSVTests {
    @Test("quotes, commas and new lines in cells, doubled quotes, CRLF, a BOM, blank lines")
    func parsing() throws {
        let text = "\u{FEFF}email,name\r\n\"a@b.org\",\"Diallo, Amina\"\r\n\r\nc@d.org,\"Line one\nline two \"\"quoted\"\"\"\nlast@x.org,"
        let records = try CSV.parse(text)
        #expect(records.map(\.cells) == [["email", "name"], ["a@b.org", "Diallo, Amina"], ["c@d.org", "Line one\nline two \"quoted\""], ["last@x.org", ""]])
        #expect(records.map(\.line) == [1, 2, 4, 6])
    }

    @Test("an unclosed quote and text after a closing quote are problems at their line")
    func badQuotes() {
        #expect(throws: CSV.Problem(line: 2, field: nil, message: "a quote is never closed")) { try CSV.parse("a,b\n\"open,x\nmore") }
        #expect(throws: CSV.Problem.self) { try CSV.parse("a,b\n\"x\"y,z") }
    }

    @Test("writing quotes what needs it, defuses formulas, and adds a BOM on request")
    func writing() {
        #expect(CSV.row(["plain", "a,b", "say \"hi\"", "two\nlines"]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(CSV.escape("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.escape("-5") == "'-5" && CSV.escape("@me") == "'@me")
        #expect(CSV.document(header: ["a"], rows: [["1"]], bom: true) == "\u{FEFF}a\r\n1\r\n")
        // What is written reads back the same (but for the defused formula prefix).
        let cells = ["Coopération, \"décentralisée\"", "a\nb", ""]
        #expect((try? CSV.parse(CSV.row(cells)))?.first?.cells == cells)
    }

    @Test("a good file: people with their fields; empty cells stay nil; lists split on ;")
    func goodImport() throws {
        let text = """
            email,name,role,organisation,region,languages,interests
            Ana@Example.org,Ana Lima,host,Cités Unies,Latin America,pt; es,climate;housing
            ben@example.org,,,,,,
            """
        let people = try ParticipantImport.parse(text, knownInterests: Self.interests, existing: ["ben@example.org"]).get()
        #expect(people.count == 2)
        let ana = people[0]
        #expect(ana.line == 2 && ana.email == "ana@example.org" && ana.name == "Ana Lima" && ana.role == .host)
        #expect(ana.organisation == "Cités Unies" && ana.city == nil && ana.region == .latinAmerica)
        #expect(ana.languages == ["pt", "es"] && ana.interests == ["climate", "housing"])
        #expect(people[1].name == nil && people[1].role == nil && people[1].interests == nil)
        #expect(ana.profileEdit?.organisation == "Cités Unies" && ana.profileEdit?.region == "latin-america" && ana.profileEdit?.city == nil)
        #expect(people[1].profileEdit == nil, "empty cells leave the profile as it is")
    }

    static let interests: [String: LocalizedText] = [
        "climate": LocalizedText(fr: "climat", en: "climate", es: "clima"),
        "housing": LocalizedText(fr: "logement", en: "housing", es: "vivienda"),
        "gender-equality": LocalizedText(fr: "égalité de genre", en: "gender equality", es: "igualdad de género"),
    ]

    @Test("interests and regions as the screen names them, in any of the three languages, ignoring case and accents")
    func labels() throws {
        let text = """
            email,name,region,interests
            a@x.org,A,Amérique latine,Égalité de genre; CLIMA
            b@x.org,B,Oriente Medio y Asia Occidental,gender equality;gender-equality;Logement
            """
        let people = try ParticipantImport.parse(text, knownInterests: Self.interests, existing: []).get()
        #expect(people[0].region == .latinAmerica && people[0].interests == ["gender-equality", "climate"])
        #expect(people[1].region == .middleEastWestAsia && people[1].interests == ["gender-equality", "housing"])
    }

    @Test("an unknown interest or region: the problem lists what is valid")
    func validValues() {
        guard case .failure(let failure) = ParticipantImport.parse("email,name,region,interests\na@x.org,A,Atlantis,knitting",
                                                                  knownInterests: Self.interests, existing: []) else {
            Issue.record("accepted")
            return
        }
        let messages = Dictionary(uniqueKeysWithValues: failure.problems.map { ($0.field ?? "", $0.message) })
        #expect(messages["interests"]?.contains("one of: climate, gender equality, housing") == true)
        #expect(messages["region"]?.contains("Latin America") == true && messages["region"]?.contains("Africa") == true)
    }

    @Test("every bad line is listed with its number, and nothing is returned")
    func badImport() {
        let text = """
            email,name,role,region,interests
            not-an-email,A,,,
            a@b.org,A,chief,,
            c@d.org,C,,Atlantis,
            e@f.org,E,,,knitting
            a@b.org,Again,,,
            new@x.org,,,,
            """
        guard case .failure(let failure) = ParticipantImport.parse(text, knownInterests: Self.interests, existing: []) else {
            Issue.record("a bad file was accepted")
            return
        }
        #expect(failure.problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(failure.problems.map(\.field) == ["email", "role", "region", "interests", "email", "name"])
    }

    @Test("the header must name email and name, and only known columns")
    func header() {
        guard case .failure(let failure) = ParticipantImport.parse("mail,name,shoe size\nx@y.org,X,42", knownInterests: [:], existing: []) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.problems.allSatisfy { $0.line == 1 })
        #expect(Set(failure.problems.compactMap(\.field)) == ["mail", "shoe size", "email"])
        guard case .failure = ParticipantImport.parse("", knownInterests: [:], existing: []) else {
            Issue.record("an empty file was accepted")
            return
        }
    }

    @Test("regions by name or key", arguments: [
        ("Middle East & West Asia", Region.middleEastWestAsia), ("asia-pacific", .asiaPacific), ("ÁFRICA", .africa), ("North America", .northAmerica),
    ])
    func regions(text: String, region: Region) {
        #expect(Region.parse(text) == region)
    }
}
