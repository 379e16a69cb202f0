import GRDB
import Synchronization

/// Group commit for the small writes every join makes ("seen today", a row of attendance): while the writer is
/// busy, the writes that arrive wait together and then go in one transaction, each in its own savepoint, so one
/// that fails is undone alone and the others still commit. A thousand people joining at once cost a handful of
/// commits rather than a thousand. Each write answers after the commit that holds it.
///
/// Only for writes that append no events: an event registered in a savepoint that is undone would still be
/// published when the transaction commits.
final class GroupCommit: Sendable {
    private struct Job: Sendable {
        /// Runs the write in its savepoint; what to answer once the transaction has committed.
        let run: @Sendable (Database) -> @Sendable () -> Void
        /// The answer when the transaction as a whole failed.
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var jobs: [Job] = []
        var flushing = false
        /// Writes asked for and not yet answered (queued or in the transaction under way).
        var unanswered = 0
    }

    private let writer: any DatabaseWriter
    private let queue = Mutex(Queue())
    /// The most writes one transaction takes, so a long queue does not make one very long transaction.
    private let maxBatch: Int

    init(_ writer: any DatabaseWriter, maxBatch: Int = 500) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Writes asked for and not yet answered.
    var pending: Int { queue.withLock { $0.unanswered } }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(run: { db in
                do {
                    var value: T?
                    try db.inSavepoint {
                        value = try body(db)
                        return .commit
                    }
                    let result = value!
                    return { continuation.resume(returning: result) }
                } catch {
                    return { continuation.resume(throwing: error) }
                }
            }, fail: { continuation.resume(throwing: $0) })
            let start = queue.withLock { queue in
                queue.jobs.append(job)
                queue.unanswered += 1
                if queue.flushing { return false }
                queue.flushing = true
                return true
            }
            if start { Task { await self.flush() } }
        }
    }

    /// Commits what waits, batch after batch, until nothing does.
    private func flush() async {
        while true {
            let jobs: [Job] = queue.withLock { queue in
                if queue.jobs.isEmpty {
                    queue.flushing = false
                    return []
                }
                let batch = Array(queue.jobs.prefix(maxBatch))
                queue.jobs.removeFirst(batch.count)
                return batch
            }
            if jobs.isEmpty { return }
            do {
                let answers = try await writer.write { db in jobs.map { $0.run(db) } }
                queue.withLock { $0.unanswered -= jobs.count }
                answers.forEach { $0() }
            } catch {
                // The transaction failed (to begin or to commit): none of these writes is stored.
                queue.withLock { $0.unanswered -= jobs.count }
                jobs.forEach { $0.fail(error) }
            }
        }
    }
}
