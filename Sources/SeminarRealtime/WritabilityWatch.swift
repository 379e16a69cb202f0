import NIOCore

/// Tells a connection when its socket's write buffer is back under the low-water mark, so that what was queued while a
/// client read slower than events came goes out (``Connection/roomToWrite()``). First in the pipeline, next to the
/// socket; it only passes the event on.
final class WritabilityWatch: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private weak var connection: Connection?

    init(connection: Connection) {
        self.connection = connection
    }

    /// Put in place after the connection's first writes may have found the buffer full: catch up at once.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isWritable { connection?.roomToWrite() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { connection?.roomToWrite() }
        context.fireChannelWritabilityChanged()
    }
}
