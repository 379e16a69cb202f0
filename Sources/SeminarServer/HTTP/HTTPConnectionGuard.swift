import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// An HTTP/1 connection's time-outs and closes, from its first request head on (before it: ``FirstRequestDeadline``).
///
/// - Between requests it may stay idle `keepAlive`; once a following request has started it has `requestHead` to
///   send the whole head; while a body comes in, `keepAlive` between two reads.
/// - A 400 or a 413 closes the connection (`Connection: close` on the answer).
/// - An answer given before the request's body was read whole (a 413 from `Content-Length`, a 401 before an upload)
///   is followed by the end of the output, and the rest of the body is read and dropped for at most `requestHead`,
///   then the connection closes: a client that writes its whole body before it reads (Python's urllib) gets its
///   answer instead of waiting on a server that stopped reading, whatever its `Connection` header said.
/// - A head NIO cannot parse gets NIO's 400, then the same end.
/// - On graceful shutdown an idle connection closes at once, a busy one after its answer (as Hummingbird's own
///   connection handler, which this replaces).
final class HTTPConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Waiting for a whole head: the first one (on its way when this handler is added), or one whose first bytes came.
        case head
        /// Between requests.
        case idle
        /// A request is being read or answered.
        case request(bodyRead: Bool)
        /// Answered before its body was read: the output is closed and what comes is dropped until the end or the deadline.
        case draining
        case closed
    }

    private let requestHead: TimeAmount
    private let keepAlive: TimeAmount
    private let logger: Logger
    private var phase = Phase.head
    /// Close once the current answer is out (a 400/413, a client that closed its side, a graceful shutdown).
    private var closeAfterAnswer = false
    /// When the connection is closed unless something moves it on; nil for no limit (a request being answered).
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    /// Heads read while the current request was still being answered.
    private var pipelined = 0

    init(limits: HTTPLimits, logger: Logger) {
        self.requestHead = limits.requestHead
        self.keepAlive = limits.keepAlive
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        setDeadline(.now() + requestHead, context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelInactive(context: ChannelHandlerContext) {
        phase = .closed
        cancelTimer()
        context.fireChannelInactive()
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch phase {
        case .closed:
            return
        case .draining:
            if case .end = part { close(context, "answered request read") }
            return  // dropped
        case .head, .idle:
            if case .head(let request) = part { started(request, context) }
        case .request(bodyRead: false):
            switch part {
            case .body: setDeadline(.now() + keepAlive, context)
            case .end:
                phase = .request(bodyRead: true)
                setDeadline(nil, context)
            case .head: break
            }
        case .request(bodyRead: true):
            // A pipelined request (its parts wait in Hummingbird's stream until the current answer is out).
            if case .head(let request) = part {
                pipelined += 1
                if Self.asksToClose(request) { closeAfterAnswer = true }
            }
        }
        context.fireChannelRead(data)
    }

    private func started(_ request: HTTPRequest, _ context: ChannelHandlerContext) {
        phase = .request(bodyRead: false)
        if Self.asksToClose(request) { closeAfterAnswer = true }
        setDeadline(.now() + keepAlive, context)
    }

    private static func asksToClose(_ request: HTTPRequest) -> Bool {
        request.headerFields[values: .connection].contains { $0.lowercased().contains("close") }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        switch phase {
        case .idle:
            // Bytes came (the decoder holds them until the head is whole): the next request has started.
            phase = .head
            setDeadline(.now() + requestHead, context)
        case .draining:
            // Hummingbird no longer reads this request; this handler does, so that the client can finish writing.
            context.read()
            return
        default:
            break
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch phase {
        case .draining, .closed:
            return  // the decoder's complaints about what comes after the bad head
        default:
            break
        }
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        // NIO's error handler, before this one, has written its 400 (unless an answer had started, which the close
        // cuts short). Not passed on: Hummingbird would write a second 400.
        logger.debug("HTTP parse error: 400 and close", metadata: ["error": "\(error)"])
        drain(context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            switch phase {
            case .head, .idle, .draining: close(context, "shutdown")
            case .request: closeAfterAnswer = true
            case .closed: break
            }
            return
        }
        if event as? ChannelEvent == .inputClosed {
            switch phase {
            case .head, .idle, .draining:
                close(context, "client closed its side")
                return
            case .request:
                closeAfterAnswer = true
            case .closed:
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.kind != .informational:
            if response.status == .badRequest || response.status == .contentTooLarge {
                closeAfterAnswer = true
            }
            if case .request(bodyRead: false) = phase {
                closeAfterAnswer = true  // an answer before the body: the rest is dropped, then the close
            }
            if closeAfterAnswer {
                response.headerFields[.connection] = "close"
                context.write(wrapOutboundOut(.head(response)), promise: promise)
                return
            }
        case .end:
            guard case .request = phase else { break }
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.write(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in self.afterAnswer(context) }
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    /// The answer is out: what comes next depends on whether the request was read whole meanwhile.
    private func afterAnswer(_ context: ChannelHandlerContext) {
        guard case .request(let bodyRead) = phase else { return }
        if !bodyRead {
            drain(context)
        } else if closeAfterAnswer {
            close(context, "answer out")
        } else if pipelined > 0 {
            pipelined -= 1
            phase = .request(bodyRead: true)
            setDeadline(nil, context)
        } else {
            phase = .idle
            setDeadline(.now() + keepAlive, context)
        }
    }

    /// Ends the output (the answer is out) and reads on, dropping what comes, until the request's end, the client's
    /// close, or `requestHead`.
    private func drain(_ context: ChannelHandlerContext) {
        switch phase {
        case .draining, .closed: return
        default: break
        }
        phase = .draining
        setDeadline(.now() + requestHead, context)
        context.close(mode: .output, promise: nil)
        context.read()
    }

    private func close(_ context: ChannelHandlerContext, _ why: String) {
        guard !isClosed else { return }
        phase = .closed
        cancelTimer()
        logger.trace("HTTP connection closed", metadata: ["why": "\(why)"])
        context.close(promise: nil)
    }

    private var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    // MARK: the one timer

    /// Moves the deadline. The timer is re-armed only when the new deadline is earlier than the armed one: a later
    /// one is picked up when the timer fires, so a body read in many pieces costs no timer per piece.
    private func setDeadline(_ new: NIODeadline?, _ context: ChannelHandlerContext) {
        deadline = new
        guard let new else { return }
        if let armed = timerDeadline, armed <= new { return }
        arm(at: new, context)
    }

    private func arm(at when: NIODeadline, _ context: ChannelHandlerContext) {
        timer?.cancel()
        timerDeadline = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { self.timerFired(context) }
    }

    private func timerFired(_ context: ChannelHandlerContext) {
        timer = nil
        timerDeadline = nil
        guard let deadline, !isClosed else { return }
        if deadline > .now() {
            arm(at: deadline, context)
            return
        }
        close(context, "time-out")
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
        deadline = nil
    }
}
