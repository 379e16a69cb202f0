import NIOCore
import NIOWebSocket

/// The server's pings, on the socket's event loop: every `period` a ping frame with fresh random data; a socket
/// that has not answered the previous one with the same data by then is closed (1001, "Ping timeout"), so a
/// vanished client is gone within two periods. Pongs stop here: answering a ping wakes no task.
///
/// This replaces swift-websocket's auto-ping, which keeps a task and a timer per socket and wakes the socket's
/// task for every pong: at 18,000 sockets and 20 s, 900 pings and 900 pongs a second through Swift tasks.
final class Liveness: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let period: TimeAmount
    private var timer: RepeatedTask?
    /// The data of the ping not yet answered.
    private var awaiting: ByteBuffer?
    /// A close frame went out: no more pings.
    private var closing = false

    init(period: TimeAmount) {
        self.period = period
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { [self] _ in
            tick(context: bound.value)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    private func tick(context: ChannelHandlerContext) {
        guard !closing, context.channel.isActive else { return }
        if awaiting != nil {
            closing = true
            var data = context.channel.allocator.buffer(capacity: 16)
            data.write(webSocketErrorCode: .goingAway)
            data.writeString("Ping timeout")
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
            context.close(promise: nil)
            return
        }
        var data = context.channel.allocator.buffer(capacity: 16)
        data.writeInteger(UInt64.random(in: .min ... .max))
        data.writeInteger(UInt64.random(in: .min ... .max))
        awaiting = data
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: data)), promise: nil)
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
