import Foundation
import NIOCore

/// One person of `hot-room`: enters the room, then from `chatStart` sends a chat message, waits for its
/// acknowledgement, and sends the next (after `thinkMs`), until `end`. The messages everyone else sends arrive
/// too and are skipped unread.
final class HotRoomTalker: FrameSocketOwner, @unchecked Sendable {
    struct Plan: Sendable {
        let token: String
        let room: Int
        let node: Int
        /// Wall-clock milliseconds.
        let chatStart: Double
        let end: Double
        let thinkMs: Double
    }

    /// What all the talkers of a run add to.
    struct Results: Sendable {
        let ack = Samples()
        let tally = Tally()
        let failures = Tally()
    }

    private let plan: Plan
    private let results: Results
    private let lock = NSLock()
    private var nextID = 3
    private var sentAt = 0.0
    private var socket: FrameSocket.Writer?
    private var joined = false
    private var done = false

    init(plan: Plan, results: Results) {
        self.plan = plan
        self.results = results
    }

    func connect(_ target: BenchTarget) {
        LeanSocket.connect(target) { FrameSocket(owner: self, connection: 0) }.whenFailure { [self] error in
            fail(String(describing: error).prefix(80).description)
        }
    }

    /// Ends the person's connection (the run is over).
    func stop() {
        let socket = lock.withLock { () -> FrameSocket.Writer? in
            done = true
            return self.socket
        }
        socket?.close()
    }

    func opened(_ socket: FrameSocket.Writer, connection: Int) {
        lock.withLock { self.socket = socket }
        socket.send(#"{"id":1,"type":"hello","data":{"token":"\#(plan.token)"}}"#)
    }

    func text(_ frame: ByteBuffer, _ socket: FrameSocket.Writer, connection: Int) {
        guard !EventFrames.isEvent(frame), let (re, ok) = LeanSocket.reply(frame) else { return }
        switch re {
        case 1:
            guard ok else { return fail("hello refused") }
            socket.send(#"{"id":2,"type":"room.enter","data":{"roomId":\#(plan.room)}}"#)
        case 2:
            guard ok else { return fail("room.enter refused") }
            lock.withLock { joined = true }
            results.tally.add("connected")
            let wait = plan.chatStart - BenchOutput.nowMs()
            socket.channel.eventLoop.scheduleTask(in: .milliseconds(Int64(max(0, wait)))) { [self] in sendNext(socket) }
        default:
            let now = BenchOutput.nowMs()
            let sent = lock.withLock { sentAt }
            if now >= plan.chatStart, now <= plan.end {
                if ok {
                    results.ack.add(now - sent)
                    results.tally.add("acked")
                } else {
                    results.tally.add("refused")
                    results.failures.add(Self.code(frame))
                }
            }
            guard now < plan.end else { return }
            if plan.thinkMs > 0 {
                socket.channel.eventLoop.scheduleTask(in: .milliseconds(Int64(plan.thinkMs))) { [self] in sendNext(socket) }
            } else {
                sendNext(socket)
            }
        }
    }

    func closed(connection: Int) {
        let early = lock.withLock { !done }
        if early { fail("connection lost") }
    }

    private func sendNext(_ socket: FrameSocket.Writer) {
        guard BenchOutput.nowMs() < plan.end else { return }
        let id = lock.withLock { () -> Int? in
            guard !done else { return nil }
            sentAt = BenchOutput.nowMs()
            nextID += 1
            return nextID - 1
        }
        guard let id else { return }
        results.tally.add("sent")
        socket.send(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(plan.room),"text":"hot \#(id) from node \#(plan.node)"}}"#)
    }

    /// Counts a failure once per person: to join (`failed`), or after joining (`dropped`).
    private func fail(_ cause: String) {
        let (first, wasJoined) = lock.withLock { () -> (Bool, Bool) in
            defer { done = true }
            return (!done, joined)
        }
        guard first else { return }
        results.tally.add(wasJoined ? "dropped" : "failed")
        results.failures.add(cause)
    }

    /// The error code of a refusal (`rate_limited`, …).
    static func code(_ frame: ByteBuffer) -> String {
        let object = try? JSONSerialization.jsonObject(with: Data(frame.readableBytesView)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String ?? "refused"
    }
}
