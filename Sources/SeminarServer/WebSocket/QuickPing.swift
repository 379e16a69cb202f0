import NIOCore
import NIOWebSocket

/// Answers `ping` requests on the socket's event loop, without waking the socket's task. Pings are most of what an
/// idle seminar hears (18,000 people each pinging every 10 s is 1,800 a second); answered here, each costs a frame
/// read and a frame written instead of a task woken, a JSON decode and encode, and a hop back to the event loop.
///
/// Only the exact shapes clients send are recognised, `{"id":N,"type":"ping"}` and `{"id":N,"type":"ping","data":{}}`
/// (N a plain non-negative integer); anything else goes on to the dispatcher, which answers a ping the same way.
/// The answer may come before the replies to earlier requests still being worked on (replies carry `re`). Not in the
/// pipeline of a socket whose frames an extension (permessage-deflate) rewrites.
final class QuickPing: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// The reply's text for a request id (and whatever bookkeeping an answered ping needs).
    private let answer: @Sendable (Int64) -> String
    /// A close frame went out: nothing more may follow it.
    private var closing = false

    init(answer: @escaping @Sendable (Int64) -> String) {
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if !closing, frame.fin, frame.opcode == .text, !frame.rsv1, let id = Self.pingID(frame.unmaskedData) {
            let reply = context.channel.allocator.buffer(string: answer(id))
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: reply)), promise: nil)
            return
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if unwrapOutboundIn(data).opcode == .connectionClose { closing = true }
        context.write(data, promise: promise)
    }

    private static let head = Array(#"{"id":"#.utf8)
    private static let type = Array(#","type":"ping""#.utf8)
    private static let emptyData = Array(#","data":{}}"#.utf8)

    /// The id of a frame that is exactly one of the recognised ping shapes, else nil.
    static func pingID(_ buffer: ByteBuffer) -> Int64? {
        buffer.withUnsafeReadableBytes { bytes -> Int64? in
            guard bytes.count <= 64, bytes.starts(with: head) else { return nil }
            var index = head.count
            var id: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                guard index - digitsStart < 18 else { return nil }  // fits Int64 without overflow checks
                id = id * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            let digits = index - digitsStart
            // JSON has no leading zeros: "01" is not a number, and the dispatcher says so.
            guard digits > 0, !(digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { return nil }
            let rest = bytes[index...]
            guard rest.starts(with: type) else { return nil }
            let tail = rest.dropFirst(type.count)
            return tail.elementsEqual([UInt8(ascii: "}")]) || tail.elementsEqual(emptyData) ? id : nil
        }
    }
}
