import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Announcements waiting for their time and a topic's snapshot for a subscriber (`ScheduledAnnouncementStore`), held
/// against every store.
@Suite("scheduled announcements and subscriptions contract: SQLite and PostgreSQL")
struct ScheduledAnnouncementContractTests {
    typealias Subject = AccountStore & ProgramStore & AnnouncementStore & ScheduledAnnouncementStore & DeskStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    @Test("scheduled ones are listed in time order; cancelling one drops it, cancelling a published one expires it (told)",
          arguments: StoreKinds.all)
    func cancel(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        defer { Task { await close() } }
        let organiser = try await person(store, "Organiser", role: .organiser)
        let later = try NewAnnouncement(text: "Later", level: "info", publishAt: Self.now.adding(seconds: 7200).iso8601, now: Self.now)
        let sooner = try NewAnnouncement(text: "Sooner", level: "warning", publishAt: Self.now.adding(seconds: 3600).iso8601, now: Self.now)
        let laterID = AnnouncementID(try await store.announce(later, by: organiser, key: nil, now: Self.now).id)
        _ = try await store.announce(sooner, by: organiser, key: nil, now: Self.now)
        let published = try await store.announce(try NewAnnouncement(text: "Now", level: "info"), by: organiser, key: nil, now: Self.now)
        let waiting = try await store.scheduledAnnouncements()
        #expect(waiting.map(\.text) == ["Sooner", "Later"] && waiting.allSatisfy { $0.seq == 0 && $0.author.displayName == "Organiser" })

        let head = try await heads(store, [.seminar])[0]
        try await store.cancelAnnouncement(id: laterID, now: Self.now)
        #expect(try await store.scheduledAnnouncements().map(\.text) == ["Sooner"])
        #expect(try await heads(store, [.seminar])[0] == head, "a dropped one was never told")
        try await store.cancelAnnouncement(id: AnnouncementID(published.id), now: Self.now.adding(seconds: 1))
        #expect(try await store.events(topic: .seminar, since: head).events.map(\.type) == ["announcement.expired"])
        #expect(await refusal { try await store.cancelAnnouncement(id: laterID, now: Self.now) } == .notFound)
    }

    @Test("a subscription reads the topic's state and the events after `since` together", arguments: StoreKinds.all)
    func subscription(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        defer { Task { await close() } }
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: try #require(Timestamp(iso8601: "2030-01-01T10:30:00Z")))
        let organiser = try await person(store, "Organiser", role: .organiser), asker = try await person(store, "Asker")
        let first = try await store.announce(try NewAnnouncement(text: "First", level: "info"), by: organiser, key: nil, now: Self.now)
        _ = try await store.announce(try NewAnnouncement(text: "Second", level: "urgent"), by: organiser, key: nil, now: Self.now)
        let (snapshot, replay) = try await store.subscription(topic: .seminar, since: first.seq, now: Self.now, deskAgents: 1)
        guard case .seminar(let state) = snapshot else { Issue.record("not the seminar's state: \(snapshot)"); return }
        #expect(state.announcements.map(\.text) == ["First", "Second"])
        #expect(state.live.map { $0.title.resolved(.en)?.text } == ["Plenary"])
        #expect(replay.latestSeq == first.seq + 1 && replay.events.map(\.seq) == [first.seq + 1])
        let fresh = try await store.subscription(topic: .seminar, since: nil, now: Self.now, deskAgents: 1).replay
        #expect(fresh.latestSeq == first.seq + 1 && fresh.events.isEmpty)

        _ = try await store.askDesk(asker: asker, text: "Help", page: nil, roomId: nil, key: nil, agents: 2, now: Self.now)
        guard case .desk(let queue, let agents) = try await store.subscription(topic: .desk, since: nil, now: Self.now, deskAgents: 2).snapshot else {
            Issue.record("not the desk's queue"); return
        }
        #expect(queue.waiting.map(\.text) == ["Help"] && agents == 2)
        #expect(try await store.subscription(topic: .user(asker.id), since: 0, now: Self.now, deskAgents: 1).snapshot == .none)
    }
}
