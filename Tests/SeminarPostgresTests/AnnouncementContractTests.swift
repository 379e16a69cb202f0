import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Organisers' announcements (`AnnouncementStore`), held against every store: the embedded SQLite one and the
/// cluster's PostgreSQL one. Published now or when due; each once, however many nodes publish at once.
@Suite("announcement contract: SQLite and PostgreSQL")
struct AnnouncementContractTests {
    typealias Subject = AccountStore & AnnouncementStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static let compose: AnnouncementMail.Composer = { person, facts, _ in
        OutboxMail(kind: .announcement, recipient: person.email, userID: person.id, language: person.language, fromName: "Seminar",
                   content: MailContent(subject: facts.text, text: facts.author, html: ""))
    }

    @Test("one now is told on `seminar` with its seq; a retry with its key announces nothing more", arguments: StoreKinds.all)
    func now(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let org = try await store.createUser(email: "org@x.org", passwordHash: "-", displayName: "Org", locale: .fr, role: .organiser, now: Self.now)
        let announcement = try NewAnnouncement(text: "Bienvenue", level: "warning", authorLocale: org.locale)
        let made = try await store.announce(announcement, by: org, key: "a-1", now: Self.now, mail: nil)
        #expect(try await store.announce(announcement, by: org, key: "a-1", now: Self.now, mail: nil) == made)
        let told = try await store.events(topic: .seminar, since: 0).events
        #expect(told.map(\.type) == ["announcement"] && told.map(\.seq) == [made.seq])
        let data = try #require(try JSONSerialization.jsonObject(with: Data(told[0].data.utf8)) as? [String: Any])
        #expect(data["text"] as? String == "Bienvenue" && data["level"] as? String == "warning" && data["lang"] as? String == "fr")
        #expect((data["id"] as? NSNumber)?.int64Value == made.id && (data["seq"] as? NSNumber)?.int64Value == made.seq)
        await close()
    }

    @Test("a scheduled one waits for its time, then is published once and mailed once to every reachable person, even when nodes publish at once",
          arguments: StoreKinds.all)
    func scheduled(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let org = try await store.createUser(email: "org@x.org", passwordHash: "-", displayName: "Org", locale: .en, role: .organiser, now: Self.now)
        _ = try await store.createUser(email: "ana@x.org", passwordHash: "-", displayName: "Ana", locale: .es, role: .participant, now: Self.now)
        _ = try await store.createUser(email: "demo@desk.invalid", passwordHash: "-", displayName: "Demo", locale: .en, role: .agent, now: Self.now)
        let later = Self.now.adding(seconds: 60)
        let mailed = try NewAnnouncement(text: "by mail", level: "info", publishAt: later.iso8601, now: Self.now, byMail: true)
        let plain = try NewAnnouncement(text: "page only", level: "info", publishAt: later.iso8601, now: Self.now)
        #expect(try await store.announce(mailed, by: org, key: nil, now: Self.now, mail: Self.compose).seq == 0)
        #expect(try await store.announce(plain, by: org, key: nil, now: Self.now, mail: Self.compose).seq == 0)
        #expect(try await store.publishDueAnnouncements(now: Self.now.adding(seconds: 59), mail: Self.compose) == 0)
        #expect(try await store.events(topic: .seminar, since: 0).events.isEmpty)
        #expect(try await store.outbox().isEmpty)

        let published = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await store.publishDueAnnouncements(now: later.adding(seconds: 1), mail: Self.compose) } }
            return try await group.reduce(0, +)
        }
        #expect(published == 2)
        #expect(try await store.events(topic: .seminar, since: 0).events.map(\.type) == ["announcement", "announcement"])
        #expect(try await store.outbox().map(\.recipient).sorted() == ["ana@x.org", "org@x.org"])
        #expect(try await store.publishDueAnnouncements(now: later.adding(seconds: 2), mail: Self.compose) == 0)
        await close()
    }
}
