import Dispatch
import Foundation
import GRDB
import SeminarCore
import SeminarStore
import Synchronization
import Testing

/// The join writes (attendance, "seen today") go through a group commit: those that wait together share one
/// transaction, each in its own savepoint.
@Suite("group commit of join writes")
struct GroupCommitTests {
    /// Counts the transactions the writer commits.
    final class Commits: TransactionObserver, @unchecked Sendable {
        let count = Mutex(0)
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { count.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    /// Blocks the writer until `open()`, so that writes queue behind it.
    final class WriterGate: Sendable {
        private let started = DispatchSemaphore(value: 0)
        private let gate = DispatchSemaphore(value: 0)

        func close(_ database: AppDatabase) async -> Task<Void, any Error> {
            let task = Task { try await database.writer.write { [self] _ in started.signal(); gate.wait() } }
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async { [self] in started.wait(); done.resume() }
            }
            return task
        }

        func open() { gate.signal() }
    }

    @Test("writes waiting together commit in one transaction; a failing one is undone alone")
    func batches() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)").path
        let database = try AppDatabase.open(directory: directory)
        let now = Timestamp(milliseconds: 1_800_000_000_000)
        var created: [UserID] = []
        for index in 0..<50 {
            created.append(try await database.createUser(email: "p\(index)@x.org", passwordHash: "-", displayName: "P\(index)",
                                                         locale: .en, role: .participant, now: now).id)
        }
        let people = created, first = created[0]
        let commits = Commits()
        try await database.writer.write { db in db.add(transactionObserver: commits, extent: .databaseLifetime) }
        commits.count.withLock { $0 = 0 }  // the observer may see the transaction that added it

        let gate = WriterGate()
        let blocker = await gate.close(database)
        let touches = people.map { person in Task { try await database.touch(user: person, now: now) } }
        // No room 999: the foreign key refuses this one.
        let refused = Task { try await database.recordJoin(room: RoomID(999), user: first, now: now) }
        let deadline = ContinuousClock.now + .seconds(10)
        while database.joinWritesPending < people.count + 1, ContinuousClock.now < deadline { await Task.yield() }
        #expect(database.joinWritesPending == people.count + 1)
        gate.open()
        try await blocker.value
        for touch in touches { try await touch.value }
        await #expect(throws: (any Error).self) { try await refused.value }

        let seen = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE last_seen_at = ?", arguments: [now.milliseconds])
        }
        #expect(seen == people.count)
        #expect(try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") } == 0)
        // The blocker, then at most two batches: the one the first write started (it takes what is queued when it
        // runs, as little as one write on a loaded machine), and all the rest, which queued while the writer was held.
        #expect(commits.count.withLock { $0 } <= 3)
        #expect(database.joinWritesPending == 0)
    }

    @Test("a write answers after its commit: what it wrote is there for the next read")
    func answersAfterCommit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)").path
        let database = try AppDatabase.open(directory: directory)
        let now = Timestamp(milliseconds: 1_800_000_000_000)
        let person = try await database.createUser(email: "a@x.org", passwordHash: "-", displayName: "A", locale: .fr, role: .participant, now: now)
        try await database.touch(user: person.id, now: now)
        let seen = try await database.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT last_seen_at FROM users WHERE id = ?", arguments: [person.id.rawValue])
        }
        #expect(seen == now.milliseconds)
    }
}
