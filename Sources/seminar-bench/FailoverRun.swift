import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the people of one `failover` run share: the nodes and which are down, when the victim was killed, the
/// acknowledged messages, and the figures.
final class FailoverRun: @unchecked Sendable {
    let cluster: NodeSpread
    let room: Int
    /// The node killed mid-run.
    let victim: Int
    /// The room's events, read from the bytes.
    let events: EventFrames
    let acks = SeqBook()
    /// From a talker's `chat.send` to its acknowledgement.
    let ackTime = Samples()
    /// From the kill to each of the victim's people back in the room on a survivor.
    let resumeTime = Samples()
    let tally = Tally()
    let failures = Tally()

    private let lock = NSLock()
    private var down = Set<Int>()
    private var killedAt: Double?
    private var stopping = false

    init(cluster: NodeSpread, room: Int, victim: Int) {
        self.cluster = cluster
        self.room = room
        self.victim = victim
        events = EventFrames(topic: "room:\(room)")
    }

    /// Marks the victim down (no one is sent there any more), then kills its process with SIGKILL.
    func killVictim(pid: Int32) throws {
        _ = lock.withLock { down.insert(victim) }
        guard kill(pid, SIGKILL) == 0 else { throw BenchError("could not kill node \(victim) (pid \(pid)): errno \(errno)") }
        lock.withLock { killedAt = BenchOutput.nowMs() }
    }

    var killTime: Double? { lock.withLock { killedAt } }
    var isStopping: Bool { lock.withLock { stopping } }
    func stop() { lock.withLock { stopping = true } }

    /// The node person `person` connects to when it must leave `node`: the same one while it is up.
    func node(for person: Int, leaving node: Int) -> Int? {
        let down = lock.withLock { self.down }
        return down.contains(node) ? cluster.survivor(for: person, down: down) : node
    }
}
