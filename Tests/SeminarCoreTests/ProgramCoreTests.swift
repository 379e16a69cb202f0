import SeminarCore
import Testing

@Suite("program, rooms and agenda rules")
struct ProgramCoreTests {
    @Test("the word diff marks insertions and deletions and joins back into both texts")
    func wordDiff() {
        let old = "La session explorera comment les sections régionales peuvent être autonomisées"
        let new = "La session explorera comment les sections de CGLU peuvent être davantage autonomisées"
        let runs = WordDiff.diff(old, new)
        #expect(runs.filter { $0.kind != .inserted }.map(\.text).joined() == old)
        #expect(runs.filter { $0.kind != .deleted }.map(\.text).joined() == new)
        #expect(runs.contains(DiffRun(.deleted, "régionales")))
        #expect(runs.contains { $0.kind == .inserted && $0.text.contains("CGLU") })
        #expect(runs.contains { $0.kind == .inserted && $0.text.contains("davantage") })
        #expect(WordDiff.diff("same text", "same text") == [DiffRun(.same, "same text")])
        #expect(WordDiff.diff("", "new") == [DiffRun(.inserted, "new")])
        #expect(WordDiff.diff("old", "") == [DiffRun(.deleted, "old")])
    }

    @Test("every legal room transition")
    func legalTransitions() throws {
        #expect(try RoomState.scheduled.applying(.open) == .open)
        #expect(try RoomState.scheduled.applying(.start) == .live)
        #expect(try RoomState.open.applying(.start) == .live)
        #expect(try RoomState.open.applying(.end) == .ended)
        #expect(try RoomState.live.applying(.end) == .ended)
        #expect(try RoomState.ended.applying(.open) == .open)
    }

    @Test("every illegal room transition is a conflict", arguments: [
        (RoomState.scheduled, RoomState.Action.end), (.open, .open), (.live, .open), (.live, .start), (.ended, .start), (.ended, .end),
    ])
    func illegalTransitions(state: RoomState, action: RoomState.Action) {
        #expect(throws: DomainError.self) { try state.applying(action) }
        do { _ = try state.applying(action) } catch { #expect(error.code == .conflict) }
    }

    @Test("chat is open only in open and live rooms")
    func acceptsMessages() {
        #expect(RoomState.allCases.filter(\.acceptsMessages) == [.open, .live])
    }

    @Test("clashes: overlapping spans are marked both ways; touching ends are not")
    func clashes() {
        let t = { (m: Int64) in Timestamp(seconds: m * 60) }
        let result = Clashes.find([
            AgendaSpan(id: "a", start: t(0), end: t(60)),
            AgendaSpan(id: "b", start: t(30), end: t(90)),
            AgendaSpan(id: "c", start: t(90), end: t(120)),
            AgendaSpan(id: "d", start: t(10), end: t(20)),
        ])
        #expect(Set(result["a"] ?? []) == ["b", "d"])
        #expect(result["b"] == ["a"])
        #expect(result["c"] == nil)
        #expect(result["d"] == ["a"])
    }

    @Test("iCalendar: CRLF, escaping, folding, UTC stamps")
    func iCalendar() {
        let event = CalendarEvent(
            uid: "session-4@seminar", start: Timestamp(iso8601: "2021-02-15T09:00Z")!, end: Timestamp(iso8601: "2021-02-15T10:30Z")!,
            summary: "Stratégie de diffusion; pour un mouvement, inclusif",
            description: String(repeating: "Le pouvoir du nous. ", count: 10) + "\nFin", url: "http://127.0.0.1:8080/#/rooms/4")
        let text = ICalendar.render(name: "Séminaire", timeZone: "Europe/Madrid", events: [event], now: Timestamp(seconds: 0))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("DTSTART:20210215T090000Z\r\n"))
        #expect(text.contains("SUMMARY:Stratégie de diffusion\\; pour un mouvement\\, inclusif"))
        #expect(text.contains("X-WR-TIMEZONE:Europe/Madrid"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}

import Foundation

@Suite("breakout groups")
struct BreakoutTests {
    static let regions = ["Africa", "Europe", "Latin America", "Asia-Pacific"]
    static let people = (1...22).map { BreakoutPerson(user: UserID(Int64($0)), region: regions[$0 % 4], language: ["fr", "en", "es"][$0 % 3]) }

    @Test("everyone is placed once, in groups near the size", arguments: [BreakoutMode.random, .regions, .language])
    func placesEveryone(mode: BreakoutMode) {
        let groups = BreakoutPlan.groups(Self.people, size: 4, mode: mode, shuffle: { $0 })
        #expect(groups.flatMap { $0 }.map(\.user).sorted() == Self.people.map(\.user))
        #expect(groups.allSatisfy { $0.count >= 2 && $0.count <= 7 })
    }

    @Test("regions mode mixes regions; language mode keeps one language per group")
    func modes() {
        let mixed = BreakoutPlan.groups(Self.people, size: 4, mode: .regions, shuffle: { $0 })
        #expect(mixed.allSatisfy { Set($0.map(\.region)).count >= 3 })
        let byLanguage = BreakoutPlan.groups(Self.people, size: 4, mode: .language, shuffle: { $0 })
        #expect(byLanguage.allSatisfy { Set($0.map(\.language)).count == 1 })
    }

    @Test("bad requests name the field")
    func validation() {
        #expect(throws: DomainError.invalid("size", "groups have 2 to 50 people")) { try BreakoutPlan.validate(size: 1, mode: nil, minutes: 5) }
        #expect(throws: DomainError.self) { try BreakoutPlan.validate(size: 4, mode: "height", minutes: 5) }
        #expect(throws: DomainError.self) { try BreakoutPlan.validate(size: 4, mode: "random", minutes: 0) }
    }
}
