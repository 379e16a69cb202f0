import Foundation
import GRDB
import SeminarCore
import SeminarProtocol
import SeminarStore
import Synchronization
import Testing

@Suite("the store")
struct EventLogTests {
    static func now() -> Timestamp { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }

    @Test("migrations create every table on an empty database")
    func migrations() async throws {
        let database = try AppDatabase.inMemory()
        let tables = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        #expect(Set(tables).isSuperset(of: ["users", "auth_sessions", "topics", "events", "idempotency_keys", "announcements", "seminar", "tracks", "sessions"]))
    }

    @Test("concurrent writers get seq 1…N per topic with no gap, and the sink sees them in commit order")
    func concurrentSeq() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
        let seen = Mutex<[Int64]>([])
        let database = try AppDatabase.open(directory: directory) { event in
            seen.withLock { $0.append(event.seq) }
        }
        let author = try await database.createUser(email: "o@x.org", passwordHash: "-", displayName: "O", locale: .fr, role: .organiser, now: Self.now())
        let writers = 8, each = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for n in 0..<each {
                        _ = try await database.announce(try NewAnnouncement(text: "w\(w) n\(n)", level: "info"), by: author, key: nil, now: Self.now())
                    }
                }
            }
            try await group.waitForAll()
        }
        let log = try await database.events(topic: .seminar)
        #expect(log.events.map(\.seq) == Array(1...Int64(writers * each)))
        #expect(log.latestSeq == Int64(writers * each))
        #expect(seen.withLock { $0 } == Array(1...Int64(writers * each)))
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test("an idempotency key replays the first reply; another type with the same key conflicts")
    func idempotency() async throws {
        let database = try AppDatabase.inMemory()
        let author = try await database.createUser(email: "o@x.org", passwordHash: "-", displayName: "O", locale: .en, role: .organiser, now: Self.now())
        let first = try await database.announce(try NewAnnouncement(text: "one", level: "info"), by: author, key: "abc", now: Self.now())
        let again = try await database.announce(try NewAnnouncement(text: "two", level: "info"), by: author, key: "abc", now: Self.now())
        #expect(first == again)
        #expect(try await database.events(topic: .seminar).events.count == 1)
    }

    @Test("pruning keeps resume honest: older since → resync, newer still replays")
    func pruning() async throws {
        let database = try AppDatabase.inMemory()
        let author = try await database.createUser(email: "o@x.org", passwordHash: "-", displayName: "O", locale: .en, role: .organiser, now: Self.now())
        for n in 1...3 {
            _ = try await database.announce(try NewAnnouncement(text: "old \(n)", level: "info"), by: author, key: nil,
                                            now: Timestamp(seconds: 1_000 + Int64(n)))
        }
        _ = try await database.announce(try NewAnnouncement(text: "new", level: "info"), by: author, key: nil, now: Self.now())
        #expect(try await database.pruneEvents(olderThan: Timestamp(seconds: 2_000)) == 3)
        await #expect(throws: DomainError.self) { try await database.events(topic: .seminar, since: 1) }
        let replay = try await database.events(topic: .seminar, since: 3)
        #expect(replay.events.map(\.seq) == [4])
    }

    @Test("accounts: duplicate email conflicts; session tokens expire")
    func accounts() async throws {
        let database = try AppDatabase.inMemory()
        let user = try await database.createUser(email: "a@x.org", passwordHash: "h", displayName: "A", locale: .es, role: .participant, now: Self.now())
        await #expect(throws: DomainError(.conflict, "An account with this email exists", field: "email")) {
            _ = try await database.createUser(email: "A@X.org", passwordHash: "h", displayName: "B", locale: .es, role: .participant, now: Self.now())
        }
        try await database.createAuthSession(tokenHash: [1, 2, 3], user: user.id, now: Timestamp(seconds: 100), expiresAt: Timestamp(seconds: 200))
        #expect(try await database.user(tokenHash: [1, 2, 3], now: Timestamp(seconds: 150))?.id == user.id)
        #expect(try await database.user(tokenHash: [1, 2, 3], now: Timestamp(seconds: 250)) == nil)
        try await database.deleteAuthSession(tokenHash: [1, 2, 3])
        #expect(try await database.user(tokenHash: [1, 2, 3], now: Timestamp(seconds: 150)) == nil)
    }
}
