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
/// When events come faster than a fan-out goes round (a busy chat in a room of thousands), two things keep each
/// socket at one write and each event at one pass:
/// - a durable event's turn takes with it the durable events of the same topic waiting behind it: they go round
///   together, to everyone who followed the topic when any of them was published (a person who joined between two
///   of them gets the ones after their join, by seq). Without this, each waiting event went round on its own, after
///   the ones before it, and someone who joined meanwhile — in none of the earlier rounds — waited for all of them;
/// - the sockets not yet reached get, with the events of the round, the durable events of the same topic published
///   since the round began, in the same write. When those events' own turn comes, the sockets that already have them
///   are passed over (their last seq is not below the newest one).
final class LoopFanOut: Sendable {
    private struct Job {
        /// One event, or the durable events of one topic taken together at the start of their turn, oldest first;
        /// none for a close.
        var events: [FanOutEvent]
        var connections: [Connection]
        /// Closes the connections instead, after everything handed to this queue before.
        var close: CloseReason?

        var topic: String { events.first?.topic ?? "" }
        var durable: Bool { events.first?.seq != nil }
        /// The seq of the newest event (nil for an ephemeral event or a close).
        var newest: Int64? { events.last?.seq }
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
        enqueue(Job(events: [event], connections: connections))
    }

    /// Closes `connections` with `reason` once the events handed to this queue before have gone out to them: a
    /// shutdown's 1001 comes after what was committed before it.
    func close(_ connections: [Connection], _ reason: CloseReason) {
        enqueue(Job(events: [], connections: connections, close: reason))
    }

    private func enqueue(_ job: Job) {
        let start = state.withLock { s -> Bool in
            s.jobs.append(job)
            if s.running { return false }
            s.running = true
            return true
        }
        if start { loop.execute { self.runNext() } }
    }

    /// Delivers the next slice of the oldest waiting job, then, when there is more, lets the loop read its sockets
    /// before the next one. The last slice ends the run at once: an event to a small room costs no timer.
    private func runNext() {
        let next = state.withLock { s -> (job: Job, range: Range<Int>, more: Bool)? in
            guard s.head < s.jobs.count else {
                s.running = false
                return nil
            }
            if s.done == 0, s.jobs[s.head].durable { Self.takeWaiting(&s) }
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

    /// At the start of a durable job's turn: the durable jobs of its topic waiting behind it join it, their events
    /// after its own and their connections added to its own (each connection once).
    private static func takeWaiting(_ s: inout State) {
        let topic = s.jobs[s.head].topic
        let behind = s.jobs.indices.dropFirst(s.head + 1).filter { s.jobs[$0].durable && s.jobs[$0].topic == topic }
        guard !behind.isEmpty else { return }
        var job = s.jobs[s.head]
        var lists = [job.connections]
        for index in behind {
            job.events += s.jobs[index].events
            lists.append(s.jobs[index].connections)
        }
        job.connections = union(lists)
        for index in behind.reversed() { s.jobs.remove(at: index) }
        s.jobs[s.head] = job
    }

    /// The connections of all `lists`, each once. While a topic's subscribers do not change, its events share one
    /// list (the hub keeps it), and that list is the answer.
    static func union(_ lists: [[Connection]]) -> [Connection] {
        let first = lists[0]
        let shared = first.withUnsafeBufferPointer { base in
            lists.dropFirst().allSatisfy { list in list.count == base.count && list.withUnsafeBufferPointer { $0.baseAddress == base.baseAddress } }
        }
        if shared { return first }
        var seen = Set<ObjectIdentifier>()
        var all: [Connection] = []
        // The newest list first: it holds most of them.
        for list in lists.reversed() {
            for connection in list where seen.insert(ObjectIdentifier(connection)).inserted { all.append(connection) }
        }
        return all
    }

    private func deliver(_ job: Job, _ range: Range<Int>) {
        if let reason = job.close {
            for index in range { job.connections[index].requestClose(reason) }
            return
        }
        var batch = job.events
        for index in range {
            let connection = job.connections[index]
            if let newest = job.newest, index % Self.lookEvery == 0 {
                batch = job.events + published(topic: job.topic, after: newest)
            }
            if batch.count == 1 {
                connection.deliver(batch[0])
            } else {
                connection.deliver(batch)
            }
        }
    }

    /// The durable events of `topic` waiting for their turn with a seq above `seq` (published since this round
    /// began), oldest first.
    private func published(topic: String, after seq: Int64) -> [FanOutEvent] {
        state.withLock { s in
            s.jobs[s.head...].flatMap { job -> [FanOutEvent] in
                guard job.topic == topic, let newest = job.newest, newest > seq else { return [] }
                return job.events.filter { $0.seq.map { $0 > seq } ?? false }
            }
        }
    }
}
