import Logging
import NIOCore
import NIOWebSocket
import SeminarCore
import Synchronization

/// One client's WebSocket as the hub sees it: its subscriptions and a bounded outbox written
/// straight to the NIO channel on its event loop, in batches, with one flush per batch.
public final class Connection: Sendable {
    public let id: UInt64
    let channel: any Channel
    let outboxLimit: Int
    private let state: Mutex<State>

    struct State {
        var pending: [ByteBuffer] = []
        var inFlight = 0
        var flushScheduled = false
        var closing: CloseReason?
        /// What the outbox held when it overflowed (queued, written but not yet sent): for the close log.
        var overflow: (pending: Int, inFlight: Int)?
        var subscriptions: [String: Subscription] = [:]
        var user: UserID?
        var role: Role?
        var sessionHash: [UInt8]?
        var bucket: TokenBucket?
        var reactionBucket: TokenBucket?
    }

    enum Subscription {
        /// Waiting for its replay from the log; live events are held here meanwhile.
        case replaying([(seq: Int64, frame: ByteBuffer)])
        case live(lastSeq: Int64)
    }

    public init(id: UInt64, channel: any Channel, outboxLimit: Int) {
        self.id = id
        self.channel = channel
        self.outboxLimit = outboxLimit
        self.state = Mutex(State())
    }

    // MARK: identity

    public var user: UserID? { state.withLock { $0.user } }
    public var role: Role? { state.withLock { $0.role } }

    public var sessionHash: [UInt8]? { state.withLock { $0.sessionHash } }

    /// "queued/in flight" when the outbox overflowed (a 1013 close), else nil.
    public var overflowDescription: String? { state.withLock { $0.overflow.map { "\($0.pending)/\($0.inFlight)" } } }

    public func signIn(user: UserID, role: Role, sessionHash: [UInt8]) {
        state.withLock {
            $0.user = user
            $0.role = role
            $0.sessionHash = sessionHash
        }
    }

    /// An organiser changed this person's role: it applies to their next request on this socket.
    public func setRole(_ role: Role) {
        state.withLock { $0.role = role }
    }

    /// Takes a token from this connection's message bucket; the milliseconds to wait when empty.
    public func takeMessageToken(rate: Double, burst: Int, now: Double) -> Int? {
        state.withLock { s in
            if s.bucket == nil { s.bucket = TokenBucket(rate: rate, burst: burst, now: now) }
            return s.bucket!.take(now: now)
        }
    }

    public func takeReactionToken(rate: Double, burst: Int, now: Double) -> Int? {
        state.withLock { s in
            if s.reactionBucket == nil { s.reactionBucket = TokenBucket(rate: rate, burst: max(1, burst), now: now) }
            return s.reactionBucket!.take(now: now)
        }
    }

    public func isSubscribed(_ topic: String) -> Bool {
        state.withLock { $0.subscriptions[topic] != nil }
    }

    // MARK: sending

    /// Queues a frame (a reply or an error event) for this client.
    public func send(_ frame: ByteBuffer) {
        let schedule = state.withLock { enqueue(frame, &$0) }
        if schedule { scheduleFlush() }
    }

    /// Queues a frame given as text.
    public func send(_ text: String) {
        send(ByteBuffer(string: text))
    }

    /// Queues a topic event, honouring the subscription's state: held while replaying, dropped if already
    /// delivered (seq not above the last one), or queued. True when the caller must have `flush()` run on
    /// `eventLoop` (the hub gathers the connections of one event loop into one task).
    func queue(topic: String, seq: Int64?, frame: ByteBuffer) -> Bool {
        state.withLock { s -> Bool in
            switch s.subscriptions[topic] {
            case nil:
                return false
            case .replaying(var held):
                guard let seq else { return false }
                held.append((seq, frame))
                s.subscriptions[topic] = .replaying(held)
                return false
            case .live(let last):
                if let seq {
                    guard seq > last else { return false }
                    s.subscriptions[topic] = .live(lastSeq: seq)
                }
                return enqueue(frame, &s)
            }
        }
    }

    var eventLoop: any EventLoop { channel.eventLoop }

    func beginReplay(topic: String) {
        state.withLock { $0.subscriptions[topic] = .replaying([]) }
    }

    /// Sends the subscribe reply, then the replayed events, then the events held meanwhile: each seq once, in order.
    func finishReplay(topic: String, reply: ByteBuffer, replay: [(seq: Int64, frame: ByteBuffer)], startAfter: Int64) {
        let schedule = state.withLock { s -> Bool in
            guard case .replaying(let held) = s.subscriptions[topic] else { return false }
            var last = startAfter
            var schedule = enqueue(reply, &s)
            for event in replay + held where event.seq > last {
                last = event.seq
                schedule = enqueue(event.frame, &s) || schedule
            }
            if s.closing == nil { s.subscriptions[topic] = .live(lastSeq: last) }
            return schedule
        }
        if schedule { scheduleFlush() }
    }

    func removeSubscription(topic: String) {
        state.withLock { _ = $0.subscriptions.removeValue(forKey: topic) }
    }

    var topics: [String] { state.withLock { Array($0.subscriptions.keys) } }

    /// Adds a frame to the outbox; true when a flush must be scheduled. Over the bound, the
    /// connection is marked for closing (1013) and its queue dropped: it resumes with `since`.
    private func enqueue(_ frame: ByteBuffer, _ s: inout State) -> Bool {
        guard s.closing == nil else { return false }
        if s.pending.count + s.inFlight >= outboxLimit {
            s.overflow = (s.pending.count, s.inFlight)
            s.pending.removeAll()
            requestCloseLocked(.tooSlow, &s)
            return false
        }
        s.pending.append(frame)
        if s.flushScheduled { return false }
        s.flushScheduled = true
        return true
    }

    private func scheduleFlush() {
        channel.eventLoop.execute { self.flush() }
    }

    /// Writes everything queued, on the event loop, with one flush.
    func flush() {
        let batch = state.withLock { s -> [ByteBuffer] in
            let batch = s.pending
            s.pending = []
            s.flushScheduled = false
            s.inFlight += batch.count
            return batch
        }
        guard !batch.isEmpty else { return }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        for (index, buffer) in batch.enumerated() {
            let frame = WebSocketFrame(fin: true, opcode: .text, data: buffer)
            channel.write(frame, promise: index == batch.count - 1 ? promise : nil)
        }
        channel.flush()
        let count = batch.count
        promise.futureResult.whenComplete { _ in
            self.state.withLock { $0.inFlight -= count }
        }
    }

    /// Writes the close frame after what is queued (dropped instead when the client is too slow), without
    /// waiting for the socket to have room: a stuck client must not hold its handler. Too slow: cut off at once.
    func writeClose(_ reason: CloseReason) {
        channel.eventLoop.execute {
            if reason == .tooSlow {
                self.state.withLock { $0.pending.removeAll() }
            } else {
                self.flush()
            }
            var buffer = self.channel.allocator.buffer(capacity: 2 + reason.text.utf8.count)
            buffer.write(webSocketErrorCode: WebSocketErrorCode(codeNumber: Int(reason.code)))
            buffer.writeString(reason.text)
            self.channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: buffer), promise: nil)
            if reason == .tooSlow { self.channel.close(promise: nil) }
        }
    }

    // MARK: closing

    /// Closes the connection with `reason` (first reason wins): the close frame goes after what is queued, and a
    /// client that does not answer it within 5 s is cut off. The client's answer ends the handler's reading.
    public func requestClose(_ reason: CloseReason) {
        state.withLock { requestCloseLocked(reason, &$0) }
    }

    private func requestCloseLocked(_ reason: CloseReason, _ s: inout State) {
        guard s.closing == nil else { return }
        s.closing = reason
        // Both run later on the event loop (never inside this lock).
        writeClose(reason)
        channel.eventLoop.scheduleTask(in: .seconds(5)) { [channel] in channel.close(promise: nil) }
    }

    public var closeReason: CloseReason? { state.withLock { $0.closing } }
}
