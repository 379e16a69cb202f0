import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Synchronization
import Testing

/// The event log and idempotency keys, for any store (accounts and sign-in sessions: `AccountContractTests`, held against
/// SQLite and PostgreSQL in the PostgreSQL tests' target).
struct EventLogContractTests {
    static func announce(_ store: any Store, _ text: String, by author: UserRecord, key: String? = nil, now: Timestamp = Given.now) async throws
        -> Created
    {
        try await store.announce(try NewAnnouncement(text: text, level: "info"), by: author, key: key, now: now)
    }

    @Test("concurrent writers get seq 1…N per topic with no gap, and the sink sees them in commit order", arguments: StoreFactory.all)
    func concurrentSeq(factory: StoreFactory) async throws {
        let seen = Mutex<[Int64]>([])
        let store = try factory.makeWithSink { event in seen.withLock { $0.append(event.seq) } }
        let author = try await Given.person(store, "Organiser", role: .organiser)
        let writers = 8, each = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask { for n in 0..<each { _ = try await Self.announce(store, "w\(w) n\(n)", by: author) } }
            }
            try await group.waitForAll()
        }
        let log = try await store.events(topic: .seminar)
        #expect(log.events.map(\.seq) == Array(1...Int64(writers * each)))
        #expect(log.latestSeq == Int64(writers * each))
        #expect(seen.withLock { $0 } == Array(1...Int64(writers * each)))
    }

    @Test("an idempotency key replays the first reply; another type with the same key conflicts", arguments: StoreFactory.all)
    func idempotency(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Organiser", role: .organiser)
        let first = try await Self.announce(store, "one", by: author, key: "abc")
        #expect(try await Self.announce(store, "two", by: author, key: "abc") == first)
        #expect(try await store.events(topic: .seminar).events.count == 1)
        let reader = try await Given.person(store, "Reader")
        #expect(await refusalCode { try await store.sendDM(from: author, to: reader.id.rawValue, text: "Hi", key: "abc", now: Given.now) } == .conflict)
        #expect(try await store.events(topic: .user(reader.id)).latestSeq == 0)
    }

    @Test("pruning keeps resume honest: older since → resync, newer still replays", arguments: StoreFactory.all)
    func pruning(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Organiser", role: .organiser)
        for n in 1...3 { _ = try await Self.announce(store, "old \(n)", by: author, now: Timestamp(seconds: 1_000 + Int64(n))) }
        _ = try await Self.announce(store, "new", by: author)
        #expect(try await store.pruneEvents(olderThan: Timestamp(seconds: 2_000)) == 3)
        #expect(await refusalCode { try await store.events(topic: .seminar, since: 1) } == .conflict)
        #expect(try await store.events(topic: .seminar, since: 3).events.map(\.seq) == [4])
    }
}
