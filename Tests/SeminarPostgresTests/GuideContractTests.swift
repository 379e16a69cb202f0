import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// A person's agenda seen from outside the program (`AgendaStore`: the guide, the calendar feed, reminders), held
/// against every store. A reminder goes out once per person, however many nodes' clocks find it due at once.
@Suite("guide and reminders contract: SQLite and PostgreSQL")
struct GuideContractTests {
    typealias Lounge = MeetingContractTests.Lounge
    typealias Subject = MeetingContractTests.Subject & AgendaStore & DeskStore
    static func at(_ iso: String) throws -> Timestamp { try #require(Timestamp(iso8601: iso)) }

    /// Ana bookmarks the plenary (10:00) and meets Ben at 12:00.
    static func setUp(_ kind: String) async throws -> (Lounge, any Subject, plenary: ProgramSession, meeting: Meeting) {
        let lounge = try await Lounge(kind)
        let store = try #require(lounge.store as? any Subject)
        let plenary = try #require(try await store.program(for: nil).sessions.first { $0.key == "s1" })
        try await store.bookmark(session: plenary.id, user: lounge.ana.id, now: MeetingContractTests.now)
        let meeting = try await lounge.accept(try await lounge.request(lounge.ana, lounge.ben, lounge.free), lounge.free, by: lounge.ben)
        return (lounge, store, plenary, meeting)
    }

    @Test("the guide: what is next, your session and meeting, the desk's queue; the calendar: sessions and meetings with links",
          arguments: StoreKinds.all)
    func guideAndCalendar(kind: String) async throws {
        let (lounge, store, plenary, meeting) = try await Self.setUp(kind)
        defer { Task { await lounge.close() } }
        _ = try await store.askDesk(asker: lounge.cleo, text: "Help", page: nil, roomId: nil, key: nil, agents: 1, now: MeetingContractTests.now)
        let guide = try await store.guide(for: lounge.ana.id, now: try Self.at("2030-01-01T09:00:00Z"))
        #expect(guide.live.isEmpty && guide.next.map(\.key) == ["s1", "s2", "s3"])
        #expect(guide.yourSession?.id == plenary.id && guide.yourMeeting?.id == meeting.id && guide.bookmarks == [plenary.id])
        #expect(guide.waiting == 1 && guide.timeZone == "UTC" && guide.channel == nil)
        let later = try await store.guide(for: lounge.ana.id, now: try Self.at("2030-01-01T13:00:00Z"))
        #expect(later.next.map(\.key) == ["s3"] && later.yourSession == nil && later.yourMeeting == nil)

        let calendar = try await store.calendarEvents(for: lounge.ana.id, language: .fr, baseURL: "https://seminar.example.org")
        #expect(calendar.name == "Contract" && calendar.timeZone == "UTC")
        #expect(calendar.events.map(\.uid) == ["meeting-\(meeting.id)@seminar", "session-s1@seminar"])
        #expect(calendar.events[0].summary == "Rencontre avec Ben" && calendar.events[0].url == "https://seminar.example.org/#/table/\(meeting.id)")
        #expect(calendar.events[1].summary == "Plenary" && calendar.events[1].url?.hasPrefix("https://seminar.example.org/#/") == true)
        #expect(try await store.calendarEvents(for: lounge.dan.id, language: .en, baseURL: "x").events.isEmpty)
    }

    @Test("reminders: a bookmarked session and a meeting about to start are told once to each person; nothing early", arguments: StoreKinds.all)
    func reminders(kind: String) async throws {
        let (lounge, store, plenary, meeting) = try await Self.setUp(kind)
        defer { Task { await lounge.close() } }
        let topics: [Topic] = [.user(lounge.ana.id), .user(lounge.ben.id)]
        #expect(try await store.sendDueReminders(now: try Self.at("2030-01-01T09:50:00Z"), lead: 300) == 0)
        let before = try await heads(store, topics)
        #expect(try await store.sendDueReminders(now: try Self.at("2030-01-01T09:56:00Z"), lead: 300) == 1)
        let told = try await store.events(topic: .user(lounge.ana.id), since: before[0]).events
        #expect(told.map(\.type) == ["reminder"] && told[0].data.contains("\(plenary.id.rawValue)"))
        #expect(try await store.sendDueReminders(now: try Self.at("2030-01-01T09:58:00Z"), lead: 300) == 0)

        // Both clocks of a two-node cluster at once: each person hears once.
        let noon = try Self.at("2030-01-01T11:57:00Z")
        async let first = store.sendDueReminders(now: noon, lead: 300)
        async let second = store.sendDueReminders(now: noon, lead: 300)
        #expect(try await first + second == 2)
        let after = try await heads(store, topics)
        #expect(after == [before[0] + 2, before[1] + 1])
        let reminded = try await store.events(topic: .user(lounge.ben.id), since: before[1]).events
        #expect(reminded.map(\.type) == ["meeting.reminder"] && reminded[0].data.contains("\(meeting.id.rawValue)"))
    }
}
