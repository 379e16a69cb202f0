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
    /// True when no extension rewrites this socket's frames: frames encoded once (``WireFrame``) are written as they
    /// are, below the WebSocket encoder.
    let framesAsEncoded: Bool
    /// The WebSocket encoder's place in the pipeline, found on the first write. Only read and written on the channel's
    /// event loop (``encoderContext()``): kept in this object, which the fan-out has at hand, rather than in a loop-checked
    /// box of its own, one more object and one more check per socket per event.
    nonisolated(unsafe) private var encoder: ChannelHandlerContext?
    private let state: Mutex<State>

    struct State {
        var pending: [WireFrame] = []
        var flushScheduled = false
        /// The socket's write buffer was over its high-water mark at the last flush: what is queued waits for
        /// ``roomToWrite()`` (NIO's writability event), not for a flush task of its own.
        var waitingForRoom = false
        var closing: CloseReason?
        /// The outbox overflowed (a 1013 close): for the close log.
        var overflowed = false
        var subscriptions: [String: Subscription] = [:]
        var user: UserID?
        var role: Role?
        var sessionHash: [UInt8]?
        /// This socket's bucket of each rate class.
        var rates = RateBuckets()
    }

    enum Subscription {
        /// Waiting for its replay from the log; live events are held here meanwhile.
        case replaying([(seq: Int64, frame: WireFrame)])
        case live(lastSeq: Int64)
        /// Unsubscribed while durable events up to `until`, published before, were still on their way (a removal's
        /// own `room.removed`): those still go out, nothing after them.
        case ending(lastSeq: Int64, until: Int64)
    }

    public init(id: UInt64, channel: any Channel, outboxLimit: Int, framesAsEncoded: Bool = false) {
        self.id = id
        self.channel = channel
        self.eventLoop = channel.eventLoop
        self.outboxLimit = outboxLimit
        self.framesAsEncoded = framesAsEncoded
        self.state = Mutex(State())
        channel.eventLoop.execute { [weak self] in
            guard let self else { return }
            try? channel.pipeline.syncOperations.addHandler(WritabilityWatch(connection: self), position: .first)
        }
    }

    // MARK: identity

    public var user: UserID? { state.withLock { $0.user } }
    public var role: Role? { state.withLock { $0.role } }

    public var sessionHash: [UInt8]? { state.withLock { $0.sessionHash } }

    /// "N queued" when the outbox overflowed (a 1013 close), else nil.
    public var overflowDescription: String? { state.withLock { $0.overflowed } ? "\(outboxLimit) queued" : nil }

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

    /// Takes a token from this connection's bucket of `rateClass`; the milliseconds to wait when it is empty.
    public func takeToken(_ rateClass: RateClass, limit: RateLimit?, now: Double) -> Int? {
        state.withLock { $0.rates.take(rateClass, limit: limit, now: now) }
    }

    public func isSubscribed(_ topic: String) -> Bool {
        state.withLock { s in
            if case .ending = s.subscriptions[topic] { return false }
            return s.subscriptions[topic] != nil
        }
    }

    // MARK: sending

    /// Queues a frame (a reply or an error event) for this client.
    public func send(_ frame: ByteBuffer) {
        let schedule = state.withLock { enqueue(WireFrame(text: frame), &$0) }
        if schedule { scheduleFlush() }
    }

    /// Queues a frame given as text.
    public func send(_ text: String) {
        send(ByteBuffer(string: text))
    }

    private enum Delivery { case none, flush, writeNow }

    /// Delivers a topic event, on this connection's event loop, honouring the subscription's state: held while
    /// replaying, dropped if already delivered (seq not above the last one), else written now (nothing else waiting)
    /// or queued behind what waits.
    func deliver(_ event: FanOutEvent) {
        switch state.withLock({ admit(event, &$0) }) {
        case .none: break
        case .flush: flush()
        case .writeNow: write(CollectionOfOne(event.frame))
        }
    }

    /// Delivers several events of one topic in order, as `deliver` would one by one, but written with one flush: when
    /// events come faster than a fan-out goes round, each socket still costs one write. A socket that already has the
    /// newest of them (it got them with an earlier round) costs one look.
    func deliver(_ events: [FanOutEvent]) {
        var now: [WireFrame] = []
        var mustFlush = false
        state.withLock { s in
            if let newest = events.last?.seq, case .live(let last)? = s.subscriptions[events[0].topic], last >= newest { return }
            for event in events {
                switch admit(event, &s) {
                case .none: break
                case .flush: mustFlush = true
                case .writeNow: now.append(event.frame)
                }
            }
        }
        if !now.isEmpty { write(now) }
        if mustFlush { flush() }
    }

    private func admit(_ event: FanOutEvent, _ s: inout State) -> Delivery {
        switch s.subscriptions[event.topic] {
        case nil:
            return .none
        case .replaying(var held):
            guard let seq = event.seq else { return .none }
            held.append((seq, event.frame))
            s.subscriptions[event.topic] = .replaying(held)
            return .none
        case .ending(let last, let until):
            guard let seq = event.seq, seq > last else { return .none }
            guard seq <= until else {
                s.subscriptions[event.topic] = nil
                return .none
            }
            s.subscriptions[event.topic] = seq == until ? nil : .ending(lastSeq: seq, until: until)
            return enqueue(event.frame, &s) ? .flush : .none
        case .live(let last):
            if let seq = event.seq {
                guard seq > last else { return .none }
                s.subscriptions[event.topic] = .live(lastSeq: seq)
            }
            // The usual case, nothing queued: straight to the socket, no outbox array touched.
            if s.pending.isEmpty, !s.flushScheduled, !s.waitingForRoom, s.closing == nil, channel.isWritable {
                return .writeNow
            }
            return enqueue(event.frame, &s) ? .flush : .none
        }
    }

    /// The channel's, kept here: the hub groups a room's thousands of connections by loop without touching each channel.
    let eventLoop: any EventLoop

    func beginReplay(topic: String) {
        state.withLock { $0.subscriptions[topic] = .replaying([]) }
    }

    /// Sends the subscribe reply, then the replayed events, then the events held meanwhile: each seq once, in order.
    func finishReplay(topic: String, reply: ByteBuffer, replay: [(seq: Int64, frame: ByteBuffer)], startAfter: Int64) {
        let schedule = state.withLock { s -> Bool in
            guard case .replaying(let held) = s.subscriptions[topic] else { return false }
            var last = startAfter
            var schedule = enqueue(WireFrame(text: reply), &s)
            for event in replay where event.seq > last {
                last = event.seq
                schedule = enqueue(WireFrame(text: event.frame), &s) || schedule
            }
            for event in held where event.seq > last {
                last = event.seq
                schedule = enqueue(event.frame, &s) || schedule
            }
            if s.closing == nil { s.subscriptions[topic] = .live(lastSeq: last) }
            return schedule
        }
        if schedule { scheduleFlush() }
    }

    /// Ends a subscription. Durable events up to `publishedUpTo` were published before and may still be on their way
    /// to this socket (each event loop delivers in its own time): those still go out, then the subscription is gone.
    func endSubscription(topic: String, publishedUpTo: Int64?) {
        state.withLock { s in
            if case .live(let last) = s.subscriptions[topic], let until = publishedUpTo, until > last {
                s.subscriptions[topic] = .ending(lastSeq: last, until: until)
            } else {
                s.subscriptions.removeValue(forKey: topic)
            }
        }
    }

    /// The topics this socket follows (those ending included).
    public var topics: [String] { state.withLock { Array($0.subscriptions.keys) } }

    /// How many topics this socket follows or is still finishing.
    public var subscriptionCount: Int { state.withLock { $0.subscriptions.count } }

    /// Adds a frame to the outbox; true when a flush must be scheduled. Over the bound, the
    /// connection is marked for closing (1013) and its queue dropped: it resumes with `since`. A socket already
    /// closed just drops it (its handler is ending; it is not a slow client).
    private func enqueue(_ frame: WireFrame, _ s: inout State) -> Bool {
        guard s.closing == nil else { return false }
        if s.pending.count >= outboxLimit {
            s.pending.removeAll()
            guard channel.isActive else { return false }
            s.overflowed = true
            requestCloseLocked(.tooSlow, &s)
            return false
        }
        s.pending.append(frame)
        if s.flushScheduled || s.waitingForRoom { return false }
        s.flushScheduled = true
        return true
    }

    private func scheduleFlush() {
        channel.eventLoop.execute { self.flush() }
    }

    /// Writes everything queued, on the event loop, with one flush; when the socket's write buffer is over its
    /// high-water mark (a client reading slower than events come), it stays queued until ``roomToWrite()``.
    func flush() {
        let writable = channel.isWritable
        let batch = state.withLock { s -> [WireFrame] in
            s.flushScheduled = false
            guard writable else {
                s.waitingForRoom = true
                return []
            }
            s.waitingForRoom = false
            let batch = s.pending
            s.pending = []
            return batch
        }
        guard !batch.isEmpty else { return }
        write(batch)
    }

    /// The socket's write buffer went back under its low-water mark (or the watch was just put in place): what
    /// waits goes out. On the event loop.
    func roomToWrite() {
        guard state.withLock({ $0.waitingForRoom }) else { return }
        flush()
    }

    /// Writes frames, then flushes, on the event loop. No promise: how far behind a client is shows in the channel's
    /// writability (``flush()``), not in a count kept up to date by a callback per write.
    private func write(_ frames: some Collection<WireFrame>) {
        if framesAsEncoded, let encoder = encoderContext() {
            // Below the encoder: the bytes as encoded once for every subscriber.
            for frame in frames {
                encoder.write(NIOAny(frame.wire), promise: nil)
            }
            encoder.flush()
        } else {
            for frame in frames {
                channel.write(WebSocketFrame(fin: true, opcode: .text, data: frame.payload), promise: nil)
            }
            channel.flush()
        }
    }

    /// The WebSocket encoder's context: a write there goes to the next handler towards the socket. Nil once the
    /// pipeline is gone (the channel closed), and then the frame path answers the write with the channel's error.
    private func encoderContext() -> ChannelHandlerContext? {
        if let context = encoder { return context }
        let context = try? channel.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        encoder = context
        return context
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
