import SeminarStore
import Synchronization

/// A sink that keeps what it is given and lets a test wait until it has `count` events (with a deadline, so a missing
/// event fails the test instead of hanging it).
final class EventCollector: Sendable {
    private let events = Mutex<[StoredEvent]>([])
    private let stream: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init() {
        (stream, signal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    var sink: EventSink {
        { event in
            self.events.withLock { $0.append(event) }
            self.signal.yield()
        }
    }

    var all: [StoredEvent] { events.withLock { $0 } }

    /// Waits until at least `count` events have arrived; fails after `seconds`.
    func wait(for count: Int, seconds: Double = 20) async throws -> [StoredEvent] {
        if all.count >= count { return all }
        return try await withThrowingTaskGroup(of: [StoredEvent]?.self) { group in
            group.addTask {
                for await _ in self.stream where self.all.count >= count { return self.all }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))  // the deadline, not a wait for the event
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let events = first, events.count >= count else {
                throw TestFailure("waited \(seconds) s for \(count) events, have \(all.count)")
            }
            return events
        }
    }
}
