import Foundation
import NIOCore
import NIOWebSocket

/// What one simulated person of `flood` does, as a channel handler on its socket's event loop: `hello`, then
/// `room.enter`; from then on it times every chat delivery (the send time is in the text), pings every 10 s, and,
/// when a talker, chats at random intervals from `chatStart` until `end`; then it closes. The server's own pings
/// are answered, as a browser does.
final class FloodClient: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    struct Plan: Sendable {
        let token: String
        let room: Int
        let talker: Bool
        /// Wall-clock milliseconds.
        let chatStart: Double
        let end: Double
        let meanGapMs: Double
    }

    private enum Phase { case hello, entering, live, draining, done }

    private let plan: Plan
    private let delivery: Samples
    private let tally: Tally
    private let failures: Tally
    private let marker = TimedText.marker("bench ")
    // Only touched on the channel's event loop.
    private var phase = Phase.hello
    private var nextID = 3
    private var pings = Set<Int>()
    private var timers: [Scheduled<Void>] = []
    private var pinger: RepeatedTask?
    private var hasJoined: Bool { phase == .live || phase == .draining }

    init(plan: Plan, delivery: Samples, tally: Tally, failures: Tally) {
        self.plan = plan
        self.delivery = delivery
        self.tally = tally
        self.failures = failures
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is LeanSocket.Upgraded {
            send(#"{"id":1,"type":"hello","data":{"token":"\#(plan.token)"}}"#, context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            text(frame.unmaskedData, context: context)
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)),
                                  promise: nil)
        case .connectionClose:
            finish(context: context, failure: hasJoined ? nil : "closed by the server before joining")
        default:
            break
        }
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
        if hasJoined, let (sent, _) = TimedText.sentAt(buffer, marker: marker) {
            delivery.add(BenchOutput.nowMs() - sent)
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

    /// Pings every 10 s, chat for talkers, and the end.
    private func start(context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound(context, eventLoop: loop)
        pinger = loop.scheduleRepeatedTask(initialDelay: .seconds(10), delay: .seconds(10)) { [self] _ in
            let id = nextID
            nextID += 1
            pings.insert(id)
            tally.add("pingSent")
            send(#"{"id":\#(id),"type":"ping","data":{}}"#, context: bound.value)
        }
        if plan.talker { scheduleChat(after: plan.chatStart - BenchOutput.nowMs() + Double.random(in: 0..<plan.meanGapMs), context: context) }
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
            send(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(plan.room),"text":"bench \#(BenchOutput.nowMs()) from a talker"}}"#,
                 context: bound.value)
            tally.add("sent")
            scheduleChat(after: Double.random(in: 0..<(2 * plan.meanGapMs)), context: bound.value)
        })
    }

    /// The end: no more pings or chat; the socket closes once the pings in flight are answered (5 s at most, then
    /// they count as unanswered).
    private func drain(context: ChannelHandlerContext) {
        guard phase == .live else { return }
        phase = .draining
        pinger?.cancel()
        timers.forEach { $0.cancel() }
        if pings.isEmpty { return finish(context: context, failure: nil) }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timers.append(context.eventLoop.scheduleTask(in: .seconds(5)) { [self] in finish(context: bound.value, failure: nil) })
    }

    private func send(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(LeanSocket.text(text, allocator: context.channel.allocator)), promise: nil)
    }

    /// Stops the timers and closes the socket (a normal close frame first); counts a failure to join.
    private func finish(context: ChannelHandlerContext, failure: String?) {
        guard phase != .done else { return }
        let joined = hasJoined
        phase = .done
        pinger?.cancel()
        timers.forEach { $0.cancel() }
        if let failure, !joined {
            tally.add("failed")
            failures.add(failure)
        }
        var code = context.channel.allocator.buffer(capacity: 2)
        code.write(webSocketErrorCode: .normalClosure)
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: code)))
            .whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
    }
}
