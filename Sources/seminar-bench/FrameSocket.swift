import NIOCore
import NIOWebSocket

/// What a person of `failover` or `hot-room` does with its sockets; told on the socket's event loop, with the number
/// the person gave the connection (a person reconnecting hears late news of its old sockets).
protocol FrameSocketOwner: AnyObject, Sendable {
    /// The upgrade is done: the person may speak.
    func opened(_ socket: FrameSocket.Writer, connection: Int)
    /// A whole text frame from the server.
    func text(_ frame: ByteBuffer, _ socket: FrameSocket.Writer, connection: Int)
    /// The connection is gone, whoever closed it.
    func closed(connection: Int)
}

/// A lean socket's handler that hands whole text frames to its owner and answers the server's pings: the same
/// reading as ``FloodClient`` (first in the pipeline, frames straight from the bytes, reads asked for by it), without
/// the flood's plan.
final class FrameSocket: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    /// Writes a person's frames, from any thread: through the channel, so NIO's frame encoder (behind this handler)
    /// masks them. A person's few requests do not need the flood's own encoding.
    struct Writer: Sendable {
        let channel: any Channel

        func send(_ text: String) {
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text)), promise: nil)
        }

        /// A normal close frame, then the connection closed.
        func close() {
            var code = channel.allocator.buffer(capacity: 2)
            code.write(webSocketErrorCode: .normalClosure)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: code))
                .whenComplete { [channel] _ in channel.close(promise: nil) }
        }
    }

    private let owner: any FrameSocketOwner
    private let connection: Int
    private var frames = ServerFrames.Reader()
    private var writer: Writer?
    private var isClosed = false

    init(owner: any FrameSocketOwner, connection: Int) {
        self.owner = owner
        self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        try? context.channel.syncOptions?.setOption(.autoRead, value: false)
        context.read()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is LeanSocket.Upgraded else { return context.fireUserInboundEventTriggered(event) }
        let writer = Writer(channel: context.channel)
        self.writer = writer
        owner.opened(writer, connection: connection)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        frames.append(unwrapInboundIn(data))
        while let frame = frames.next() {
            switch frame.opcode {
            case .text:
                if let writer { owner.text(frame.payload, writer, connection: connection) }
            case .ping:
                context.writeAndFlush(NIOAny(ClientFrames.pong(frame.payload, key: .random(in: 0 ... .max), allocator: context.channel.allocator)),
                                      promise: nil)
            case .connectionClose:
                context.close(promise: nil)
            default:
                break
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closeOnce()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// The owner hears of the end once, whichever way it came.
    private func closeOnce() {
        guard !isClosed else { return }
        isClosed = true
        owner.closed(connection: connection)
    }
}
