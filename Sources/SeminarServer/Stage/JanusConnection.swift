import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// One long-lived WebSocket to Janus (subprotocol `janus-protocol`) carrying every request of the server, one Janus
/// session on it (kept alive), reconnected with back-off when it drops. Replies are matched to their request by
/// transaction; the handles' own news (`webrtcup`, `hangup`, `detached`…) goes to `events`. When the link drops,
/// every waiting request fails and `events` gets a `reset` (Janus ends the session's handles with it).
final class JanusConnection: Sendable {
    enum News: Sendable {
        /// Something Janus said of a handle, outside any reply.
        case handle(JanusReply)
        /// The link (and so the session with all its handles) is gone.
        case reset
    }

    private struct Link {
        var outgoing: AsyncStream<String>.Continuation?
        var sessionId: Int64?
        var waiting: [String: Waiting] = [:]
        var nextTransaction: UInt64 = 0
        var ready: [CheckedContinuation<Int64, any Error>] = []
    }

    private struct Waiting {
        let continuation: CheckedContinuation<JanusReply, any Error>
        /// An asynchronous plugin request: the `ack` is not the answer, the `event` after it is.
        let untilEvent: Bool
    }

    let url: String
    private let apiSecret: String
    private let logger: Logger
    private let link = Mutex(Link())
    let news: AsyncStream<News>
    private let newsContinuation: AsyncStream<News>.Continuation
    private let requestTimeout: Duration = .seconds(15)

    init(url: String, apiSecret: String, logger: Logger) {
        self.url = url
        self.apiSecret = apiSecret
        self.logger = logger
        (news, newsContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Keeps the link up until cancelled.
    func run() async {
        var delay = 0.5
        while !Task.isCancelled {
            do {
                let configuration = WebSocketClientConfiguration(
                    maxFrameSize: 1 << 22, additionalHeaders: [HTTPField.Name("Sec-WebSocket-Protocol")!: "janus-protocol"])
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    try await self.serve(inbound: inbound, outbound: outbound)
                }
            } catch {
                logger.warning("Janus link failed", metadata: ["url": "\(url)", "error": "\(error)"])
            }
            dropped()
            if Task.isCancelled { break }
            try? await Task.sleep(for: .seconds(delay))
            delay = min(delay * 2, 10)
        }
        newsContinuation.finish()
    }

    private func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        link.withLock { $0.outgoing = continuation }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in stream { try await outbound.write(.text(text)) }
            }
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 22) {
                    if case .text(let text) = message { self.received(text) }
                }
            }
            group.addTask { try await self.openSession() }
            // Whichever ends first (the link closed, the session failed) ends the others.
            defer { continuation.finish() }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Creates the session, then keeps it alive (Janus ends idle sessions after its `session_timeout`, 60 s by default).
    private func openSession() async throws {
        let created = try await call(JanusRequest(janus: "create"), needsSession: false)
        guard let id = created.data?.id else { throw JanusFailure(code: 0, reason: "create gave no session id") }
        let waiting = link.withLock { link in
            link.sessionId = id
            defer { link.ready = [] }
            return link.ready
        }
        for continuation in waiting { continuation.resume(returning: id) }
        logger.info("Janus session open", metadata: ["url": "\(url)"])
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(15))
            _ = try await call(JanusRequest(janus: "keepalive"))
        }
    }

    private func dropped() {
        let (waiting, ready, hadSession) = link.withLock { link in
            defer { link = Link(nextTransaction: link.nextTransaction) }
            link.outgoing?.finish()
            return (Array(link.waiting.values), link.ready, link.sessionId != nil)
        }
        for request in waiting { request.continuation.resume(throwing: JanusFailure.down) }
        for continuation in ready { continuation.resume(throwing: JanusFailure.down) }
        if hadSession { newsContinuation.yield(.reset) }
    }

    /// The session, once open (waits for it while it is being made on a link that is up; fails with no link).
    private func session() async throws -> Int64 {
        if let id = link.withLock({ $0.sessionId }) { return id }
        return try await withCheckedThrowingContinuation { continuation in
            // Connected, the session being made: wait for it. Not connected: fail now (the page says to try again).
            let now: Result<Int64, any Error>? = link.withLock { link in
                if let id = link.sessionId { return .success(id) }
                guard link.outgoing != nil else { return .failure(JanusFailure.down) }
                link.ready.append(continuation)
                return nil
            }
            if let now { continuation.resume(with: now) }
        }
    }

    /// Sends `request` in the session and waits for its answer: the reply, or for an asynchronous plugin request
    /// (`untilEvent`) the event after the `ack`. A Janus or plugin error is thrown as ``JanusFailure``.
    func call(_ request: JanusRequest, untilEvent: Bool = false, needsSession: Bool = true) async throws -> JanusReply {
        var request = request
        if needsSession { request.sessionId = try await session() }
        request.apisecret = apiSecret
        let transaction = link.withLock { link -> String in
            link.nextTransaction += 1
            return "t\(link.nextTransaction)"
        }
        request.transaction = transaction
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let text = String(decoding: try encoder.encode(request), as: UTF8.self)
        let timeout = Task { [requestTimeout] in
            try await Task.sleep(for: requestTimeout)
            self.fail(transaction, JanusFailure.timedOut)
        }
        defer { timeout.cancel() }
        let reply: JanusReply = try await withCheckedThrowingContinuation { continuation in
            let sent = link.withLock { link -> Bool in
                guard let outgoing = link.outgoing else { return false }
                link.waiting[transaction] = Waiting(continuation: continuation, untilEvent: untilEvent)
                outgoing.yield(text)
                return true
            }
            if !sent { continuation.resume(throwing: JanusFailure.down) }
        }
        if let failure = reply.failure { throw failure }
        return reply
    }

    private func fail(_ transaction: String, _ error: JanusFailure) {
        link.withLock { $0.waiting.removeValue(forKey: transaction) }?.continuation.resume(throwing: error)
    }

    private func received(_ text: String) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let reply = try? decoder.decode(JanusReply.self, from: Data(text.utf8)) else {
            logger.warning("Janus sent what the stage cannot read", metadata: ["frame": "\(text.prefix(300))"])
            return
        }
        let waiting: Waiting? = link.withLock { link in
            guard let transaction = reply.transaction, let waiting = link.waiting[transaction] else { return nil }
            // The ack of an asynchronous request: its answer comes later, as an event.
            if reply.janus == "ack", waiting.untilEvent { return nil }
            return link.waiting.removeValue(forKey: transaction)
        }
        if let waiting {
            waiting.continuation.resume(returning: reply)
        } else if reply.transaction == nil || reply.janus != "ack" {
            newsContinuation.yield(.handle(reply))
        }
    }
}
