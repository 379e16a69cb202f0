import NIOCore
import NIOHTTP1

/// A new connection's first request head must be whole within `timeout` of the accept, or the connection is closed
/// (a silent connection, or a head sent a byte at a time, would otherwise hold a socket for ever). Also closes a
/// connection whose first head NIO could not parse, after the 400 NIO's error handler wrote. The channel removes it
/// as soon as the head is read; ``HTTPConnectionGuard`` takes over for plain HTTP, the socket's pings for a WebSocket.
///
/// It never looks at what passes through (only errors and time), so it cannot mistake one protocol's parts for
/// another's during the upgrade.
final class FirstRequestDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    static let name = "seminar.first-request-deadline"

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    /// NIO could not parse the head: its 400 is out, the output closed; what still comes is dropped until the close.
    private var failed = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context)
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

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failed { return }
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // The 400 went out before this error came here. Closing the output ends the answer at once; reading on (the
        // input is dropped) until the client closes or the time-out spares it a reset that could eat the 400.
        failed = true
        context.close(mode: .output, promise: nil)
        arm(context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A graceful shutdown need not wait for a request that has not even come.
        if event is ChannelShouldQuiesceEvent || (failed && event as? ChannelEvent == .inputClosed) {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func arm(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { context.close(promise: nil) }
    }
}
