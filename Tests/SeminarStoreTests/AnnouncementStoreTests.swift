import Foundation
import GRDB
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

@Suite("announcements in the store")
struct AnnouncementStoreTests {
    static func now() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    static func shown(_ database: AppDatabase) async throws -> [Announcement] {
        guard case .seminar(let state) = try await database.subscription(topic: .seminar, since: nil, now: now()).snapshot else {
            Issue.record("topic seminar's snapshot is not the seminar's state")
            return []
        }
        return state.announcements
    }

    @Test("an announcement keeps its language; one stored before languages were recorded has none")
    func language() async throws {
        // Given a French-speaking organiser's announcements, one in Spanish, one in their own language
        let database = try AppDatabase.inMemory(wire: .seminar)
        let author = try await database.createUser(email: "o@x.org", passwordHash: "-", displayName: "O", locale: .fr, role: .organiser, now: Self.now())
        _ = try await database.announce(try NewAnnouncement(text: "Hola", level: nil, lang: "es", authorLocale: author.locale), by: author, key: nil, now: Self.now())
        let own = try await database.announce(try NewAnnouncement(text: "Bonjour", level: nil, authorLocale: author.locale), by: author, key: nil, now: Self.now())
        let later = Timestamp(milliseconds: Self.now().milliseconds + 600_000).iso8601
        _ = try await database.announce(try NewAnnouncement(text: "Hello", level: nil, lang: "en", authorLocale: author.locale, publishAt: later, now: Self.now()),
                                        by: author, key: nil, now: Self.now())
        // Then the snapshot, the stored event and the scheduled list say so
        #expect(try await Self.shown(database).map(\.lang) == [.es, .fr])
        let events = try await database.events(topic: .seminar).events
        #expect(events.map { $0.data.contains(#""lang":"es""#) } == [true, false])
        #expect(try await database.scheduledAnnouncements().map(\.lang) == [.en])

        // When a row is as old rows are after the migration (NULL), it is shown without a language
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE announcements SET lang = NULL WHERE id = ?", arguments: [own.id])
        }
        #expect(try await Self.shown(database).map(\.lang) == [.es, nil])
    }
}

@Suite("announcements also by mail, in the store")
struct AnnouncementMailStoreTests {
    let now = Timestamp(seconds: 2_000_000_000)

    static let compose: AnnouncementMail.Composer = { person, facts, seminar in
        OutboxMail(kind: .announcement, recipient: person.email, userID: person.id, language: person.language, fromName: seminar.name(in: person.language),
                   content: MailContent(subject: facts.text, text: facts.author, html: ""))
    }

    @Test("a scheduled one is mailed when it is published, to everyone but those who turned it off and unreachable addresses")
    func scheduled() async throws {
        let database = try AppDatabase.inMemory(wire: .seminar)
        let org = try await database.createUser(email: "org@x.org", passwordHash: "-", displayName: "Org", locale: .en, role: .organiser, now: now)
        let off = try await database.createUser(email: "off@x.org", passwordHash: "-", displayName: "Off", locale: .en, role: .participant, now: now)
        _ = try await database.createUser(email: "demo@desk.invalid", passwordHash: "-", displayName: "Demo", locale: .en, role: .agent, now: now)
        _ = try await database.setMailTopic(.announcements, on: false, for: off.id)
        let plain = try NewAnnouncement(text: "page only", level: "info", publishAt: now.adding(seconds: 60).iso8601, now: now)
        let mailed = try NewAnnouncement(text: "by mail", level: "info", publishAt: now.adding(seconds: 60).iso8601, now: now, byMail: true)
        _ = try await database.announce(plain, by: org, key: nil, now: now, mail: Self.compose)
        _ = try await database.announce(mailed, by: org, key: nil, now: now, mail: Self.compose)
        #expect(try await database.outbox().isEmpty)
        #expect(try await database.publishDueAnnouncements(now: now.adding(seconds: 61), mail: Self.compose) == 2)
        let outbox = try await database.outbox()
        #expect(outbox.map(\.recipient) == ["org@x.org"] && outbox.map(\.kind) == ["announcement"])
    }
}
