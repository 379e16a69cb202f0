import Foundation
import GRDB
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

@Suite("announcements in the store")
struct AnnouncementStoreTests {
    static func now() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    static func shown(_ database: AppDatabase) async throws -> [AnnouncementView] {
        let snapshot = try await database.subscription(topic: .seminar, since: nil, now: now()).snapshot
        return try #require(snapshot as? SeminarSnapshot).announcements
    }

    @Test("an announcement keeps its language; one stored before languages were recorded has none")
    func language() async throws {
        // Given a French-speaking organiser's announcements, one in Spanish, one in their own language
        let database = try AppDatabase.inMemory()
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
            try db.execute(sql: "UPDATE announcements SET lang = NULL WHERE id = ?", arguments: [own.announcementId])
        }
        #expect(try await Self.shown(database).map(\.lang) == [.es, nil])
    }
}
