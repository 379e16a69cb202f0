import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The program (`ProgramStore`: loading, sessions' pages and edits, hosts, bookmarks), held against every store: the
/// embedded SQLite one and the cluster's PostgreSQL one. A refusal appends nothing and changes nothing.
@Suite("program contract: SQLite and PostgreSQL")
struct ProgramContractTests {
    typealias Subject = AccountStore & ProgramStore & RoomStore & EventLogStore
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func person(_ store: any Subject, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: "\(name.lowercased())-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "-", displayName: name,
                                   locale: .en, role: role, now: now)
    }

    /// A program of two tracks and three sessions (the first titled `title`), resolved; with `liveNow`, the rooms of the
    /// sessions on then start live.
    static func program(title: String = "Plenary") throws -> ResolvedProgram {
        let file = """
            {"name": {"en": "Contract"}, "timeZone": "UTC",
             "tracks": [{"key": "t1", "name": {"en": "Track one"}}, {"key": "t2", "name": {"en": "Track two"}}],
             "sessions": [
               {"key": "s1", "track": "t1", "start": "2030-01-01T10:00", "end": "2030-01-01T11:00", "title": {"en": "\(title)"}},
               {"key": "s2", "track": "t2", "start": "2030-01-01T11:00", "end": "2030-01-01T12:00", "title": {"en": "Workshop"}},
               {"key": "s3", "start": "2030-01-02T09:00", "end": "2030-01-02T10:00", "title": {"en": "Closing"}}]}
            """
        return try JSONDecoder().decode(ProgramFile.self, from: Data(file.utf8)).resolve(offset: { _ in 0 }, now: nil)
    }

    @Test("a program loads in time order with its tracks and rooms; a re-import updates in place and keeps ids and bookmarks",
          arguments: StoreKinds.all)
    func loadAndReload(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        try await store.loadProgram(try Self.program(), liveNow: nil)
        let first = try await store.program(for: ana.id)
        #expect(first.timeZone == "UTC" && first.tracks.map(\.key) == ["t1", "t2"] && first.tracks.first?.name.en == "Track one")
        #expect(first.sessions.map(\.key) == ["s1", "s2", "s3"] && first.sessions.allSatisfy { $0.roomId != nil && $0.roomState == .scheduled })
        #expect(first.sessions[0].trackId == first.tracks[0].id && first.sessions[2].trackId == nil && first.bookmarks.isEmpty)

        let workshop = first.sessions[1].id
        try await store.bookmark(session: workshop, user: ana.id, now: Self.now)
        try await store.bookmark(session: workshop, user: ana.id, now: Self.now)
        try await store.loadProgram(try Self.program(title: "Opening plenary"), liveNow: nil)
        let again = try await store.program(for: ana.id)
        #expect(again.sessions.map(\.id) == first.sessions.map(\.id) && again.sessions.map(\.roomId) == first.sessions.map(\.roomId))
        #expect(again.tracks.map(\.id) == first.tracks.map(\.id) && again.sessions[0].content.title.en == "Opening plenary")
        #expect(again.bookmarks == [workshop])
        #expect(try await store.session(id: workshop, for: ana).bookmarked)
        #expect(try await !store.session(id: first.sessions[0].id, for: ana).bookmarked)
        #expect(await refusal { try await store.bookmark(session: SessionID(999_999), user: ana.id, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.session(id: SessionID(999_999), for: ana) } == .notFound)
        await close()
    }

    @Test("the demo's rooms of the sessions on now start live; the others scheduled", arguments: StoreKinds.all)
    func liveNow(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let program = try Self.program()
        try await store.loadProgram(program, liveNow: program.sessions[1].startsAt)
        let viewer = try await Self.person(store, "Viewer")
        #expect(try await store.program(for: viewer.id).sessions.map(\.roomState) == [.scheduled, .live, .scheduled])
        await close()
    }

    @Test("a session's page is edited by its hosts and organisers only; each edit is a revision told on `seminar`", arguments: StoreKinds.all)
    func edits(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try Self.program(), liveNow: nil)
        let host = try await Self.person(store, "Host", role: .host)
        let otherHost = try await Self.person(store, "Other host", role: .host)
        let organiser = try await Self.person(store, "Organiser", role: .organiser)
        let session = try #require(try await store.program(for: host.id).sessions.first).id
        try await store.addHost(user: host.id, session: session)
        try await store.addHost(user: host.id, session: session)
        #expect(await refusal { try await store.addHost(user: host.id, session: SessionID(999_999)) } == .notFound)
        let page = try await store.session(id: session, for: host)
        #expect(page.canEdit && page.hosts.map(\.displayName) == ["Host"] && page.replays.isEmpty)
        #expect(try await !store.session(id: session, for: otherHost).canEdit)
        #expect(try await store.session(id: session, for: organiser).canEdit)

        let edit = SessionEdit(title: LocalizedText(en: "Renamed"))
        let before = try await store.events(topic: .seminar, since: 0).latestSeq
        #expect(await refusal { try await store.updateSession(id: session, edit: edit, author: otherHost, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.updateSession(id: SessionID(999_999), edit: edit, author: organiser, now: Self.now) } == .notFound)
        #expect(try await store.events(topic: .seminar, since: 0).latestSeq == before)

        let start = page.session.revision
        let update = try await store.updateSession(id: session, edit: edit, author: host, now: Self.now)
        #expect(update.revision == start + 1 && update.changed == ["title"])
        let told = try #require(try await store.events(topic: .seminar, since: before).events.last)
        #expect(told.type == "session.updated" && told.data.contains("Renamed"))
        // The same edit again changes nothing: no revision, nobody told.
        #expect(try await store.updateSession(id: session, edit: edit, author: organiser, now: Self.now).changed.isEmpty)
        #expect(try await store.events(topic: .seminar, since: 0).latestSeq == told.seq)
        #expect(try await store.updateSession(id: session, edit: SessionEdit(title: LocalizedText(en: "Again")), author: organiser, now: Self.now).revision
                == start + 2)
        #expect(try await store.session(id: session, for: host).session.content.title.en == "Again")
        await close()
    }

    @Test("edits of one session at once each make their revision, in turn", arguments: StoreKinds.all)
    func racingEdits(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try Self.program(), liveNow: nil)
        let organiser = try await Self.person(store, "Organiser", role: .organiser)
        let session = try #require(try await store.program(for: organiser.id).sessions.first).id
        let revisions = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<6 {
                group.addTask {
                    try await store.updateSession(id: session, edit: SessionEdit(title: LocalizedText(en: "Title \(index)")), author: organiser,
                                                  now: Self.now).revision
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(revisions.sorted() == [1, 2, 3, 4, 5, 6])
        #expect(try await store.session(id: session, for: organiser).session.revision == 6)
        await close()
    }

    @Test("loads at once (two nodes starting together) make one program: one session and one room per key", arguments: StoreKinds.all)
    func racingLoads(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let program = try Self.program()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await store.loadProgram(program, liveNow: nil) } }
            try await group.waitForAll()
        }
        let viewer = try await Self.person(store, "Viewer")
        let loaded = try await store.program(for: viewer.id)
        #expect(loaded.sessions.map(\.key) == ["s1", "s2", "s3"] && Set(loaded.sessions.compactMap(\.roomId)).count == 3 && loaded.tracks.count == 2)
        await close()
    }
}
