import NIOCore
import SeminarCore
import Synchronization

/// Cuts the relay's bytes into lines and lines into replies, and hands each reply to whoever waits for it. Lives on
/// its channel's event loop; everything that touches it runs there.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// A line longer than this is not SMTP (RFC 5321 allows 512 octets).
    private static let maxLine = 4_096
    private var pending: [UInt8] = []
    private var parser = SMTPReplyParser()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiter: EventLoopPromise<SMTPReply>?
    private var failure: SMTPFailure?
    /// The first failure, for the transport to report (a failed write says only "closed channel").
    let firstFailure: FirstFailure

    init(firstFailure: FirstFailure) {
        self.firstFailure = firstFailure
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let newline = pending.firstIndex(of: 10) {
            var line = pending[..<newline]
            if line.last == 13 { line = line.dropLast() }
            pending.removeSubrange(...newline)
            do {
                if let reply = try parser.feed(String(decoding: line, as: UTF8.self)) { deliver(reply) }
            } catch {
                fail(error, context: context)
                return
            }
        }
        if pending.count > Self.maxLine { fail(SMTPFailure(permanent: false, reason: "reply line too long"), context: context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(SMTPFailure(permanent: false, reason: "connection error: \(error)"), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPFailure(permanent: false, reason: "the relay closed the connection"), context: nil)
        context.fireChannelInactive()
    }

    /// Completes `promise` with the next reply (or the failure that ended the connection).
    func next(_ promise: EventLoopPromise<SMTPReply>) {
        if !replies.isEmpty {
            promise.succeed(replies.removeFirst())
        } else if let failure {
            promise.fail(failure)
        } else {
            waiter?.fail(SMTPFailure(permanent: false, reason: "two waiters"))
            waiter = promise
        }
    }

    /// Ends the conversation (a time-out, a broken line): whoever waits is told, and the channel closes.
    func fail(_ failure: SMTPFailure, context: ChannelHandlerContext?) {
        if self.failure == nil {
            self.failure = failure
            firstFailure.record(failure)
        }
        let waiter = self.waiter
        self.waiter = nil
        waiter?.fail(self.failure ?? failure)
        context?.close(promise: nil)
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter {
            self.waiter = nil
            waiter.succeed(reply)
        } else {
            replies.append(reply)
        }
    }
}

/// The first reason a connection ended, readable from any thread.
final class FirstFailure: Sendable {
    private let value = Mutex<SMTPFailure?>(nil)

    func record(_ failure: SMTPFailure) { value.withLock { if $0 == nil { $0 = failure } } }
    var failure: SMTPFailure? { value.withLock { $0 } }
}
