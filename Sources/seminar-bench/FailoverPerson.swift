import Foundation
import NIOCore
import NIOPosix

/// One person of `failover`: enters the room on their node and keeps a ledger of every chat message heard; a talker
/// also chats every `chatGapMs` on average, each message acknowledged or not. When the connection drops they come
/// back as the web client does (`Web/js/socket.js`: a full-jitter backoff, 0.5 s doubling up to 15 s), on a node that
/// is up, and enter again with `since` = the last seq they saw.
final class FailoverPerson: FrameSocketOwner, @unchecked Sendable {
    struct Plan: Sendable {
        let index: Int
        let token: String
        let talker: Bool
        let chatGapMs: Double
        /// Wall-clock milliseconds.
        let chatStart: Double
        let end: Double
    }

    private enum Phase { case connecting, hello, entering, live, offline, stopped }

    let plan: Plan
    private let run: FailoverRun
    private let lock = NSLock()
    // Under `lock`.
    private var node: Int
    private var connection = 0
    private var phase = Phase.connecting
    private var socket: FrameSocket.Writer?
    private var attempt = 0
    private var nextID = 3
    private var pending: [Int: Double] = [:]
    private var ledger: SeqLedger?
    private var lastSeen = 0
    /// The node this person was on when the victim was killed, and when they were back after it.
    private var nodeAtKill: Int?
    private var resumedAt: Double?

    init(plan: Plan, node: Int, run: FailoverRun) {
        self.plan = plan
        self.node = node
        self.run = run
    }

    /// What the run reads at the end.
    struct Outcome {
        let ledger: SeqLedger?
        let live: Bool
        let onVictim: Bool
        let resumedAt: Double?
        /// Where the person stood at the end (`live`, `hello`, `entering`, `offline`, …).
        var phase = "live"
    }

    var outcome: Outcome {
        lock.withLock { Outcome(ledger: ledger, live: phase == .live, onVictim: nodeAtKill == run.victim, resumedAt: resumedAt,
                               phase: "\(phase)") }
    }

    /// Whether every message acknowledged so far (after this person came in) has reached them.
    func hasAll(_ acknowledged: [Int]) -> Bool {
        lock.withLock { ledger.map { $0.lost(of: acknowledged) == 0 } ?? true }
    }

    /// Notes the node this person is on at the moment of the kill.
    func killed() { lock.withLock { nodeAtKill = node } }

    func connect() {
        let (number, target) = lock.withLock { () -> (Int, BenchTarget) in
            connection += 1
            phase = .connecting
            return (connection, run.cluster.targets[node])
        }
        LeanSocket.connect(target) { FrameSocket(owner: self, connection: number) }.whenFailure { [self] error in
            run.failures.add("connect: " + String(describing: error).prefix(60))
            lost(connection: number)
        }
    }

    /// The end of the run: closes the socket, no reconnection.
    func stop() {
        let socket = lock.withLock { () -> FrameSocket.Writer? in
            phase = .stopped
            return self.socket
        }
        socket?.close()
    }

    func opened(_ socket: FrameSocket.Writer, connection number: Int) {
        let current = lock.withLock { () -> Bool in
            guard number == connection, phase == .connecting else { return false }
            self.socket = socket
            phase = .hello
            return true
        }
        if current { socket.send(#"{"id":1,"type":"hello","data":{"token":"\#(plan.token)"}}"#) }
    }

    func text(_ frame: ByteBuffer, _ socket: FrameSocket.Writer, connection number: Int) {
        if let (seq, chat) = run.events.sequenced(frame) {
            lock.withLock {
                guard number == connection else { return }
                lastSeen = max(lastSeen, seq)
                if chat { ledger?.add(seq) }
            }
            return
        }
        guard !EventFrames.isEvent(frame), let (re, ok) = LeanSocket.reply(frame) else { return }
        switch re {
        case 1:
            guard ok else { return refused("hello", frame, number) }
            let since = lock.withLock { () -> Int? in
                phase = .entering
                return ledger == nil ? nil : lastSeen
            }
            let sinceField = since.map { #","since":\#($0)"# } ?? ""
            socket.send(#"{"id":2,"type":"room.enter","data":{"roomId":\#(run.room)\#(sinceField)}}"#)
        case 2 where !ok && HotRoomTalker.code(frame) == "conflict":
            // `since` too far back (resync): the snapshot instead; what it skipped counts as lost.
            run.tally.add("resync")
            socket.send(#"{"id":2,"type":"room.enter","data":{"roomId":\#(run.room)}}"#)
        case 2:
            guard ok else { return refused("room.enter", frame, number) }
            entered(frame, socket, number)
        default:
            let now = BenchOutput.nowMs()
            guard let sent = lock.withLock({ pending.removeValue(forKey: re) }) else { return }
            guard ok, let seq = Self.data(frame)?["seq"] as? Int else {
                run.tally.add("refused")
                run.failures.add("chat.send: " + HotRoomTalker.code(frame))
                return
            }
            run.acks.add(seq)
            run.ackTime.add(now - sent)
        }
    }

    func closed(connection number: Int) { lost(connection: number) }

    private func entered(_ frame: ByteBuffer, _ socket: FrameSocket.Writer, _ number: Int) {
        let now = BenchOutput.nowMs(), killTime = run.killTime
        let seq = Self.data(frame)?["seq"] as? Int ?? 0
        let (first, resumed) = lock.withLock { () -> (Bool, Bool) in
            phase = .live
            attempt = 0
            guard ledger != nil else {
                ledger = SeqLedger(base: seq)
                lastSeen = seq
                return (true, false)
            }
            guard killTime != nil, nodeAtKill == run.victim, resumedAt == nil else { return (false, false) }
            resumedAt = now
            return (false, true)
        }
        if first { run.tally.add("connected") } else { run.tally.add("reentered") }
        if resumed, let killTime { run.resumeTime.add(now - killTime) }
        if plan.talker { scheduleChat(socket, number, after: max(0, plan.chatStart - now) + Double.random(in: 0..<plan.chatGapMs)) }
    }

    private func scheduleChat(_ socket: FrameSocket.Writer, _ number: Int, after ms: Double) {
        socket.channel.eventLoop.scheduleTask(in: .milliseconds(Int64(ms))) { [self] in
            let now = BenchOutput.nowMs()
            guard now < plan.end else { return }
            let id = lock.withLock { () -> Int? in
                guard number == connection, phase == .live else { return nil }
                nextID += 1
                pending[nextID - 1] = now
                return nextID - 1
            }
            guard let id else { return }
            run.tally.add("sent")
            socket.send(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(run.room),"text":"failover \#(id) from \#(plan.index)"}}"#)
            scheduleChat(socket, number, after: Double.random(in: 0..<(2 * plan.chatGapMs)))
        }
    }

    /// A refusal of hello or room.enter: this connection is given up and the person tries again later.
    private func refused(_ request: String, _ frame: ByteBuffer, _ number: Int) {
        run.failures.add("\(request): " + HotRoomTalker.code(frame))
        let socket = lock.withLock { number == connection ? self.socket : nil }
        socket?.close()
    }

    /// The connection `number` is gone: unless the run is over, back after a jittered backoff, on a node that is up.
    private func lost(connection number: Int) {
        let delay = lock.withLock { () -> Double? in
            guard number == connection, phase != .offline, phase != .stopped else { return nil }
            if phase == .live { run.tally.add("dropped") }
            phase = .offline
            socket = nil
            if !pending.isEmpty { run.tally.add("unacknowledged", pending.count) }
            pending = [:]
            guard let next = run.node(for: plan.index, leaving: node) else { return nil }
            node = next
            let ceiling = min(15_000, 500 * pow(2, Double(attempt)))
            attempt += 1
            return Double.random(in: 0..<ceiling)
        }
        guard let delay, !run.isStopping else { return }
        MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: .milliseconds(Int64(delay))) { [self] in
            guard !run.isStopping else { return }
            connect()
        }
    }

    /// A reply's `data` object.
    static func data(_ frame: ByteBuffer) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(frame.readableBytesView)) as? [String: Any])?["data"] as? [String: Any]
    }
}
