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
/// A fan-out goes out in slices of ``slice`` sockets, and between two slices the loop goes back to its sockets: a
/// room of 9,000 on one loop is ~100 ms of writes, and without the break the chat messages, pings and joins read by
/// that loop would wait for all of it (NIO runs a task enqueued by a task in the same turn, before it polls again).
/// A message sent during a fan-out is then read, stored and published while the fan-out is still going round, and
/// joins it (below) instead of waiting for its end.
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
        /// How many of `jobs[head]`'s connections have had their turn.
        var done = 0
        var running = false
    }

    let loop: any EventLoop
    private let state = Mutex(State())
    /// How many sockets are written between two looks at the events waiting behind.
    private static let lookEvery = 64
    /// How many sockets are written before the loop goes back to its sockets (a multiple of `lookEvery`).
    static let slice = 256
    /// The break between two slices: a moment in the future, so that the loop polls its sockets (without blocking
    /// when some are ready) before it runs the next slice.
    static let pause = TimeAmount.microseconds(10)

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

    /// Delivers the next slice of the oldest waiting event, then, when there is more, lets the loop read its sockets
    /// before the next one. The last slice ends the run at once: an event to a small room costs no timer.
    private func runNext() {
        let next = state.withLock { s -> (job: Job, range: Range<Int>, more: Bool)? in
            guard s.head < s.jobs.count else {
                s.running = false
                return nil
            }
            let job = s.jobs[s.head]
            let range = s.done..<min(s.done + Self.slice, job.connections.count)
            if range.upperBound == job.connections.count {
                s.head += 1
                s.done = 0
            } else {
                s.done = range.upperBound
            }
            guard s.head == s.jobs.count else { return (job, range, true) }
            // Nothing behind: an event added from now on starts a new run, after this task on the same loop.
            s.jobs.removeAll(keepingCapacity: true)
            s.head = 0
            s.running = false
            return (job, range, false)
        }
        guard let (job, range, more) = next else { return }
        deliver(job, range)
        if more { loop.scheduleTask(in: Self.pause) { self.runNext() } }
    }

    private func deliver(_ job: Job, _ range: Range<Int>) {
        var batch: [FanOutEvent] = []
        for index in range {
            let connection = job.connections[index]
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
