import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The event log's contract (`EventLogStore`), held against every store: the embedded SQLite one and the cluster's
/// PostgreSQL one (a real server: see `TestPostgres`).
@Suite("event log contract: SQLite and PostgreSQL")
struct EventLogContractTests {
    /// A store under test, what it delivers, and how to end it. In the cluster a node delivers the topics it follows,
    /// so the PostgreSQL store follows each topic a test uses from seq 0.
    struct Subject: Sendable {
        let store: any EventLogStore
        let delivered: EventCollector
        let follow: @Sendable (Topic) -> Void
        let close: @Sendable () async -> Void
    }

    static let kinds = ["sqlite", "postgres"]

    static func make(_ kind: String) async throws -> Subject {
        let collector = EventCollector()
        switch kind {
        case "sqlite":
            let database = try AppDatabase.inMemory(sink: collector.sink)
            return Subject(store: database, delivered: collector, follow: { _ in }, close: {})
        default:
            let url = try await TestPostgres.freshDatabase()
            let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
            let bus = ClusterBus(database: database, sink: collector.sink)
            bus.start()
            return Subject(store: PostgresEventLog(database: database, bus: bus), delivered: collector,
                           follow: { bus.follow($0, after: 0) }, close: {
                bus.stop()
                database.close()
                await TestPostgres.drop(url)
            })
        }
    }

    static func event(_ topic: Topic, _ text: String, at: Int64 = 1_000) -> NewEvent {
        NewEvent(topic: topic, type: "test.event", at: Timestamp(milliseconds: at), data: #"{"text":"\#(text)"}"#)
    }

    @Test("each topic counts from 1 without gaps, topics apart; one append's events in order", arguments: kinds)
    func seqs(kind: String) async throws {
        let subject = try await Self.make(kind)
        subject.follow(.room(RoomID(1)))
        subject.follow(.room(RoomID(2)))
        let first = try await subject.store.append([Self.event(.room(RoomID(1)), "a"), Self.event(.room(RoomID(2)), "b"), Self.event(.room(RoomID(1)), "c")])
        #expect(first.map(\.seq) == [1, 1, 2])
        #expect(first.map(\.topic) == ["room:1", "room:2", "room:1"])
        let second = try await subject.store.append([Self.event(.room(RoomID(1)), "d")])
        #expect(second.map(\.seq) == [3] && second[0].data == #"{"text":"d"}"#)
        let delivered = try await subject.delivered.wait(for: 4)
        #expect(delivered.filter { $0.topic == "room:1" }.map(\.seq) == [1, 2, 3])
        #expect(delivered.filter { $0.topic == "room:2" }.map(\.seq) == [1])
        await subject.close()
    }

    @Test("resuming: what followed since; since after the latest or before what is kept is refused with resync", arguments: kinds)
    func resume(kind: String) async throws {
        let subject = try await Self.make(kind)
        _ = try await subject.store.append((1...5).map { Self.event(.lounge, "\($0)", at: Int64($0) * 1_000) })
        let replay = try await subject.store.events(topic: .lounge, since: 2)
        #expect(replay.latestSeq == 5 && replay.events.map(\.seq) == [3, 4, 5])
        #expect(replay.events[0].type == "test.event" && replay.events[0].at == Timestamp(milliseconds: 3_000))
        #expect(try await subject.store.events(topic: .lounge, since: 5).events.isEmpty)
        #expect(try await subject.store.events(topic: .desk, since: 0).latestSeq == 0)
        await #expect(throws: DomainError.self) { try await subject.store.events(topic: .lounge, since: 6) }
        do {
            _ = try await subject.store.events(topic: .lounge, since: 9)
        } catch let error as DomainError {
            #expect(error.code == .conflict && error.detail == "resync")
        }
        // Pruning forgets events older than the cutoff; resuming from before them asks for the snapshot.
        #expect(try await subject.store.pruneEvents(olderThan: Timestamp(milliseconds: 3_500)) == 3)
        await #expect(throws: DomainError.self) { try await subject.store.events(topic: .lounge, since: 1) }
        #expect(try await subject.store.events(topic: .lounge, since: 3).events.map(\.seq) == [4, 5])
        // The counter goes on after pruning.
        #expect(try await subject.store.append([Self.event(.lounge, "6")]).map(\.seq) == [6])
        await subject.close()
    }

    @Test("concurrent appends to one topic: every seq once, delivered once each, in order", arguments: kinds)
    func concurrent(kind: String) async throws {
        let subject = try await Self.make(kind)
        subject.follow(.room(RoomID(7)))
        let writers = 6, each = 30
        let seqs = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var mine: [Int64] = []
                    for index in 0..<each {
                        mine += try await subject.store.append([Self.event(.room(RoomID(7)), "\(writer)-\(index)")]).map(\.seq)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(1...Int64(writers * each)))
        let delivered = try await subject.delivered.wait(for: writers * each)
        #expect(delivered.map(\.seq) == Array(1...Int64(writers * each)))
        #expect(try await subject.store.events(topic: .room(RoomID(7)), since: 0).events.count == writers * each)
        await subject.close()
    }
}
