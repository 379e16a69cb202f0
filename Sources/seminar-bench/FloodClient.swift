import Foundation
import NIOCore
import NIOWebSocket
import SeminarCore
import SeminarTimers

/// What one simulated person of `flood` does, as a channel handler on its socket's event loop: `hello`, then
/// `room.enter`; from then on it times every chat delivery (the send time is in the text), pings every `pingEvery`, and,
/// when a talker, chats at random intervals from `chatStart` until `end`; then it closes. The server's own pings
/// are answered, as a browser does.
///
/// It sits first in the pipeline and reads the server's frames from the socket's bytes itself (``ServerFrames``):
/// tens of thousands of deliveries a second through NIO's frame decoder, each boxed and passed along the pipeline,
/// cost the generator CPU that the server, on the same two cores, would not get. For the same reason its own frames
/// are encoded by it (``ClientFrames``) and written from its place, straight to the socket, its pings come from its
/// loop's ``LoopWheel`` rather than a timer of its own, and it asks for the socket's reads itself.
final class FloodClient: ChannelInboundHandler, WheelMember, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    struct Plan: Sendable {
        let token: String
        let room: Int
        let talker: Bool
        /// The node of the cluster this person is on (its index in `--nodes`), written in the talker's messages so
        /// that a listener tells same-node deliveries from cross-node ones.
        var node = 0
        /// Wall-clock milliseconds.
        let chatStart: Double
        let end: Double
        let meanGapMs: Double
        let pingEvery: TimeAmount
        /// Draws this person's chat times.
        let random: SeededRandom

        /// Person `person`'s own generator of a run seeded `seed`.
        static func random(seed: UInt64, person: Int) -> SeededRandom {
            var mixer = SeededRandom(state: seed &+ UInt64(person) &* 0x9E37_79B9_7F4A_7C15)
            return SeededRandom(state: mixer.next())
        }
    }

    private enum Phase { case hello, entering, live, draining, done }

    private let plan: Plan
    private let delivery: Samples
    private let split: DeliverySplit?
    private let timeline: FloodTimeline?
    /// When the socket opened (wall-clock ms), for the join time.
    private var openedAt = 0.0
    private let tally: Tally
    private let failures: Tally
    private let marker = TimedText.marker("bench ")
    // Only touched on the channel's event loop.
    private var phase = Phase.hello
    private var nextID = 3
    private var pings = Set<Int>()
    private var timers: [Scheduled<Void>] = []
    /// Set while live, for the ping wheel.
    private var context: ChannelHandlerContext?
    /// The frames' masking keys (kept apart from `random`, whose draws are the chat times).
    private var keys: SeededRandom
    private var frames = ServerFrames.Reader()
    private var random: SeededRandom
    private var hasJoined: Bool { phase == .live || phase == .draining }

    init(plan: Plan, delivery: Samples, split: DeliverySplit? = nil, timeline: FloodTimeline? = nil, tally: Tally, failures: Tally) {
        self.plan = plan
        self.split = split
        self.timeline = timeline
        self.random = plan.random
        self.keys = SeededRandom(state: ~plan.random.state)
        self.delivery = delivery
        self.tally = tally
        self.failures = failures
    }

    /// Reads are asked for by this handler, from its place next to the socket (``channelReadComplete``): with NIO's
    /// automatic reading, each read's next one walks the whole pipeline from its far end.
    func handlerAdded(context: ChannelHandlerContext) {
        try? context.channel.syncOptions?.setOption(.autoRead, value: false)
        context.read()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is LeanSocket.Upgraded {
            openedAt = BenchOutput.nowMs()
            send(#"{"id":1,"type":"hello","data":{"token":"\#(plan.token)"}}"#, context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        frames.append(unwrapInboundIn(data))
        while phase != .done, let frame = frames.next() {
            switch frame.opcode {
            case .text:
                text(frame.payload, context: context)
            case .ping:
                context.writeAndFlush(NIOAny(ClientFrames.pong(frame.payload, key: key(), allocator: context.channel.allocator)),
                                      promise: nil)
            case .connectionClose:
                finish(context: context, failure: hasJoined ? nil : "closed by the server before joining")
            default:
                break  // the server sends no binary frames and does not fragment its messages
            }
        }
    }

    /// Asks for the next read; not passed on: the handlers behind this one (NIO's WebSocket decoder) have read nothing.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if phase != .done { finish(context: context, failure: hasJoined ? nil : "connection lost before joining") }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(context: context, failure: hasJoined ? nil : String(describing: error).prefix(80).description)
        context.close(promise: nil)
    }

    private func text(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        if hasJoined, let (sent, sender) = TimedText.sentAt(buffer, marker: marker) {
            let time = BenchOutput.nowMs() - sent
            delivery.add(time)
            if let split, let sender { split.add(time, sameNode: sender == plan.node) }
            timeline?.delivered(time, sent: sent)
            return
        }
        guard let (re, ok) = LeanSocket.reply(buffer) else { return }
        switch phase {
        case .hello where re == 1:
            guard ok else { return finish(context: context, failure: "hello refused") }
            phase = .entering
            send(#"{"id":2,"type":"room.enter","data":{"roomId":\#(plan.room)}}"#, context: context)
        case .entering where re == 2:
            guard ok else { return finish(context: context, failure: "room.enter refused") }
            phase = .live
            tally.add("connected")
            let now = BenchOutput.nowMs()
            timeline?.joined(after: now - openedAt, at: now)
            start(context: context)
        case .live, .draining:
            if pings.remove(re) != nil {
                if ok { tally.add("pingAnswered") }
            } else if !ok {
                tally.add("chatRefused")
            }
            if phase == .draining, pings.isEmpty { finish(context: context, failure: nil) }
        default:
            break
        }
    }

    /// Pings, chat for talkers, and the end.
    private func start(context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound(context, eventLoop: loop)
        self.context = context
        LoopWheel.on(loop, period: plan.pingEvery).add(self)
        if plan.talker { scheduleChat(after: plan.chatStart - BenchOutput.nowMs() + Double.random(in: 0..<plan.meanGapMs, using: &random), context: context) }
        timers.append(loop.scheduleTask(in: .milliseconds(Int64(max(0, plan.end - BenchOutput.nowMs())))) { [self] in
            drain(context: bound.value)
        })
    }

    private func scheduleChat(after ms: Double, context: ChannelHandlerContext) {
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timers.append(context.eventLoop.scheduleTask(in: .milliseconds(Int64(max(0, ms)))) { [self] in
            guard phase == .live, BenchOutput.nowMs() < plan.end else { return }
            let id = nextID
            nextID += 1
            send(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(plan.room),"text":"bench \#(BenchOutput.nowMs()) s\#(plan.node) from a talker"}}"#,
                 context: bound.value)
            tally.add("sent")
            scheduleChat(after: Double.random(in: 0..<(2 * plan.meanGapMs), using: &random), context: bound.value)
        })
    }

    /// Sends a ping when live (called by the loop's ``LoopWheel`` every `pingEvery`); false once the person has stopped.
    func turnCame() -> Bool {
        guard phase == .live, let context else { return false }
        let id = nextID
        nextID += 1
        pings.insert(id)
        tally.add("pingSent")
        send(#"{"id":\#(id),"type":"ping","data":{}}"#, context: context)
        return true
    }

    /// The end: no more pings or chat; the socket closes once the pings in flight are answered (5 s at most, then
    /// they count as unanswered).
    private func drain(context: ChannelHandlerContext) {
        guard phase == .live else { return }
        phase = .draining
        timers.forEach { $0.cancel() }
        if pings.isEmpty { return finish(context: context, failure: nil) }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timers.append(context.eventLoop.scheduleTask(in: .seconds(5)) { [self] in finish(context: bound.value, failure: nil) })
    }

    /// Encoded here and written from this handler's place, which is next to the socket.
    private func send(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(ClientFrames.text(text, key: key(), allocator: context.channel.allocator)), promise: nil)
    }

    private func key() -> UInt32 {
        UInt32(truncatingIfNeeded: keys.next())
    }

    /// Stops the timers and closes the socket (a normal close frame first); counts a failure to join.
    private func finish(context: ChannelHandlerContext, failure: String?) {
        guard phase != .done else { return }
        let joined = hasJoined
        phase = .done
        self.context = nil
        timers.forEach { $0.cancel() }
        if let failure, !joined {
            tally.add("failed")
            failures.add(failure)
        }
        var code = context.channel.allocator.buffer(capacity: 2)
        code.write(webSocketErrorCode: .normalClosure)
        context.channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: code))
            .whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
    }
}

/// The frames of a server (never masked) read straight from the socket's bytes.
enum ServerFrames {
    /// A socket's reads as whole frames: the start of a frame split across reads waits for the rest.
    struct Reader {
        private var pending: ByteBuffer?

        /// The bytes of one read.
        mutating func append(_ bytes: ByteBuffer) {
            guard var start = pending else { pending = bytes; return }
            var bytes = bytes
            start.writeBuffer(&bytes)
            pending = start
        }

        /// The next whole frame, consumed; nil until one has wholly arrived.
        mutating func next() -> (opcode: WebSocketOpcode, payload: ByteBuffer)? {
            guard var bytes = pending else { return nil }
            let frame = ServerFrames.next(&bytes)
            pending = bytes.readableBytes > 0 ? bytes : nil
            return frame
        }
    }

    /// The next whole frame in `bytes`, consumed; nil (nothing consumed) until all of it has arrived.
    static func next(_ bytes: inout ByteBuffer) -> (opcode: WebSocketOpcode, payload: ByteBuffer)? {
        let start = bytes.readerIndex
        guard let first = bytes.getInteger(at: start, as: UInt8.self),
              let second = bytes.getInteger(at: start + 1, as: UInt8.self) else { return nil }
        var length = Int(second & 0x7F), header = 2
        if length == 126 {
            guard let long = bytes.getInteger(at: start + 2, as: UInt16.self) else { return nil }
            length = Int(long)
            header = 4
        } else if length == 127 {
            guard let long = bytes.getInteger(at: start + 2, as: UInt64.self) else { return nil }
            length = Int(long)
            header = 10
        }
        guard bytes.readableBytes >= header + length, let opcode = WebSocketOpcode(encodedWebSocketOpcode: first & 0x0F) else {
            return nil
        }
        bytes.moveReaderIndex(forwardBy: header)
        return (opcode, bytes.readSlice(length: length)!)
    }
}
