import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The program as people read it (`ProgramStore`: the seminar's facts, agendas with their clashes, hosted sessions,
/// revisions, calendar keys), held against every store: the embedded SQLite one and the cluster's PostgreSQL one.
@Suite("agenda contract: SQLite and PostgreSQL")
struct AgendaContractTests {
    typealias Subject = MeetingContractTests.Subject
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    @Test("before and after a program: its facts; an agenda marks a meeting over a bookmarked session; a bookmark comes off",
          arguments: StoreKinds.all)
    func agenda(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        #expect(try await !store.hasProgram())
        #expect(try await store.seminarInfo() == nil)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        #expect(try await store.hasProgram())
        let info = try #require(try await store.seminarInfo())
        #expect(info.name.en == "Contract" && info.timeZone == "UTC" && info.startsAt.hasPrefix("2030-01-01T10:00"))

        let ana = try await ProgramContractTests.person(store, "Ana")
        let ben = try await ProgramContractTests.person(store, "Ben")
        let sessions = try await store.program(for: ana.id).sessions
        for session in sessions.prefix(2) { try await store.bookmark(session: session.id, user: ana.id, now: Self.now) }
        let ten = try #require(Timestamp(iso8601: "2030-01-01T10:00:00Z"))
        try await store.addSlots([(ten, ten.adding(seconds: 1_800))], tables: 1, now: Self.now)
        let slot = try #require(try await store.grid(for: ana.id).first?.slot.id)
        let request = try await store.requestMeeting(from: ben, to: ana.id.rawValue, slots: [slot], message: "", confirmOverlap: false, key: nil,
                                                     expiryHours: 48, now: Self.now, notify: nil)
        let meeting = try await store.acceptMeeting(request: request.id, slot: slot, by: ana, confirmOverlap: true, expiryHours: 48, now: Self.now,
                                                    notify: nil)
        let agenda = try await store.agenda(for: ana.id)
        #expect(agenda.sessions.map(\.item.key) == ["s1", "s2"] && agenda.meetings.map(\.item.id) == [meeting.id])
        #expect(agenda.sessions.map(\.clashesWith) == [["meeting:\(meeting.id)"], []])
        #expect(agenda.meetings.map(\.clashesWith) == [["session:\(sessions[0].id)"]])

        try await store.removeBookmark(session: sessions[0].id, user: ana.id)
        #expect(try await store.agenda(for: ana.id).sessions.map(\.item.key) == ["s2"])
        #expect(await refusal { try await store.removeBookmark(session: SessionID(999_999), user: ana.id) } == .notFound)
        await close()
    }

    @Test("hosted sessions and a session's revisions, newest first and numbered from the first", arguments: StoreKinds.all)
    func hostingAndRevisions(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let host = try await ProgramContractTests.person(store, "Host", role: .host)
        let sessions = try await store.program(for: host.id).sessions
        try await store.addHost(user: host.id, session: sessions[1].id)
        try await store.bookmark(session: sessions[2].id, user: host.id, now: Self.now)
        let hosted = try await store.hostedSessions(of: host.id)
        #expect(hosted.sessions.map(\.key) == ["s2"] && hosted.bookmarks == [sessions[2].id])

        _ = try await store.updateSession(id: sessions[1].id, edit: SessionEdit(title: LocalizedText(en: "First")), author: host, now: Self.now)
        _ = try await store.updateSession(id: sessions[1].id, edit: SessionEdit(title: LocalizedText(en: "Second")), author: host,
                                          now: Self.now.adding(seconds: 1))
        let revisions = try await store.revisions(session: sessions[1].id)
        #expect(revisions.map(\.number) == [2, 1] && revisions.map { $0.author?.displayName } == ["Host", "Host"])
        #expect(revisions.first?.at == Self.now.adding(seconds: 1) && revisions.first?.changes.map(\.field) == ["title"])
        #expect(try await store.revisions(session: sessions[0].id).isEmpty)
        #expect(await refusal { try await store.revisions(session: SessionID(999_999)) } == .notFound)
        await close()
    }

    @Test("a calendar key is made once, even by first uses at once; revoked, the old one opens nothing", arguments: StoreKinds.all)
    func calendarKeys(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await ProgramContractTests.person(store, "Ana")
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await store.calendarKey(for: ana.id, now: Self.now) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys.count == 1)
        let key = try #require(keys.first)
        #expect(key.count == 64)
        #expect(try await store.user(calendarKey: key)?.id == ana.id)
        let fresh = try await store.revokeCalendarKey(for: ana.id, now: Self.now)
        #expect(fresh != key)
        #expect(try await store.user(calendarKey: key) == nil)
        #expect(try await store.user(calendarKey: fresh)?.id == ana.id)
        #expect(try await store.calendarKey(for: ana.id, now: Self.now) == fresh)
        await close()
    }
}
