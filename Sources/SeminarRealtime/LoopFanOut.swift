import NIOCore
import Synchronization

/// A topic event on its way to subscribers: its frame encoded once for all of them.
struct FanOutEvent: Sendable {
    let topic: String
    /// Durable events carry their seq (a socket gets each once, in order); ephemeral ones nil.
    let seq: Int64?
    let frame: WireFrame
}

/// One event loop's share of the fan-out: events wait here in publication (commit) order and one task at a time
/// delivers them to that loop's connections, each socket written as soon as its turn comes.
///
/// When events come faster than a fan-out goes round (a busy chat in a room of thousands), the sockets not yet
/// reached get the event being delivered together with the durable events of the same topic waiting behind it, in
/// one write: a socket costs one write however many events arrived meanwhile. When the waiting event's own turn
/// comes, the sockets that already have it are skipped (its seq is not above their last one).
final class LoopFanOut: Sendable {
    private struct Job {
        let event: FanOutEvent
        let connections: [Connection]
    }

    private struct State {
        var jobs: [Job] = []
        var head = 0
        var running = false
    }

    let loop: any EventLoop
    private let state = Mutex(State())
    /// How many sockets are written between two looks at the events waiting behind.
    private static let lookEvery = 64

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func add(_ event: FanOutEvent, to connections: [Connection]) {
        let start = state.withLock { s -> Bool in
            s.jobs.append(Job(event: event, connections: connections))
            if s.running { return false }
            s.running = true
            return true
        }
        if start { loop.execute { self.runNext() } }
    }

    /// Delivers the oldest waiting event, then lets the loop do its other work before the next one.
    private func runNext() {
        let next = state.withLock { s -> Job? in
            guard s.head < s.jobs.count else {
                s.jobs.removeAll(keepingCapacity: true)
                s.head = 0
                s.running = false
                return nil
            }
            defer { s.head += 1 }
            return s.jobs[s.head]
        }
        guard let job = next else { return }
        deliver(job)
        loop.execute { self.runNext() }
    }

    private func deliver(_ job: Job) {
        var batch: [FanOutEvent] = []
        for (index, connection) in job.connections.enumerated() {
            if job.event.seq != nil, index % Self.lookEvery == 0 {
                let behind = waiting(topic: job.event.topic)
                batch = behind.isEmpty ? [] : [job.event] + behind
            }
            if batch.isEmpty {
                connection.deliver(job.event)
            } else {
                connection.deliver(batch)
            }
        }
    }

    /// The durable events of `topic` waiting behind the one being delivered, oldest first.
    private func waiting(topic: String) -> [FanOutEvent] {
        state.withLock { s in
            s.jobs[s.head...].compactMap { $0.event.topic == topic && $0.event.seq != nil ? $0.event : nil }
        }
    }
}
