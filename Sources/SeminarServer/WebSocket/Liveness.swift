import NIOCore
import NIOWebSocket
import SeminarTimers

/// The server's pings, on the socket's event loop: every `period` a ping frame with fresh random data; a socket
/// that has not answered the previous one with the same data by then is closed (1001, "Ping timeout"), so a
/// vanished client is gone within two periods. Pongs stop here: answering a ping wakes no task.
///
/// This replaces swift-websocket's auto-ping, which keeps a task and a timer per socket and wakes the socket's
/// task for every pong: at 18,000 sockets and 20 s, 900 pings and 900 pongs a second through Swift tasks. The
/// period's turns come from the loop's ``LoopWheel``, not from a repeated task per socket.
final class Liveness: ChannelDuplexHandler, WheelMember {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let period: TimeAmount
    /// Set while the handler is in a pipeline; the wheel drops this handler at its next turn once it is nil.
    private var context: ChannelHandlerContext?
    /// The data of the ping not yet answered.
    private var awaiting: ByteBuffer?
    /// A close frame went out: no more pings.
    private var closing = false

    init(period: TimeAmount) {
        self.period = period
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        LoopWheel.on(context.eventLoop, period: period).add(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.context = nil
        context.fireChannelInactive()
    }

    /// A period went by: a ping, or the close when the last one is still unanswered. False once the socket is closing
    /// or gone (the wheel lets go of it).
    func turnCame() -> Bool {
        guard !closing, let context, context.channel.isActive else {
            context = nil
            return false
        }
        if awaiting != nil {
            closing = true
            var data = context.channel.allocator.buffer(capacity: 16)
            data.write(webSocketErrorCode: .goingAway)
            data.writeString("Ping timeout")
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
            context.close(promise: nil)
            self.context = nil
            return false
        }
        var data = context.channel.allocator.buffer(capacity: 16)
        data.writeInteger(UInt64.random(in: .min ... .max))
        data.writeInteger(UInt64.random(in: .min ... .max))
        awaiting = data
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: data)), promise: nil)
        return true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.opcode == .pong else { return context.fireChannelRead(data) }
        if let awaiting, frame.unmaskedData == awaiting { self.awaiting = nil }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if unwrapOutboundIn(data).opcode == .connectionClose { closing = true }
        context.write(data, promise: promise)
    }
}
