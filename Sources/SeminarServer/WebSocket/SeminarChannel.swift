import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket
@_spi(WSInternal) import WSCore

/// The context handed to a WebSocket handler.
struct SocketContext: WebSocketContext {
    let logger: Logger
    /// Whether an extension (permessage-deflate) rewrites this socket's frames.
    var hasExtensions = false
}

/// What to do with a WebSocket upgrade request.
enum UpgradeDecision: Sendable {
    /// Upgrade, and run the handler with the upgraded channel.
    case accept(@Sendable (WebSocketInboundStream, WebSocketOutboundWriter, any Channel, SocketContext) async throws -> Void)
    /// Answer with this HTTP status instead (e.g. 403 for a foreign Origin).
    case refuse(HTTPResponse.Status)
}

/// HTTP/1 with a WebSocket upgrade, like HummingbirdWebSocket's `HTTP1WebSocketUpgradeChannel`, but the
/// decision may refuse with a status of its own and the handler gets the NIO channel, so the hub can write
/// event frames straight to it on its event loop.
struct SeminarChannel: ServerChildChannel, HTTPChannelHandler {
    enum UpgradeResult: Sendable {
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, @Sendable (NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async -> Void)
        case notUpgraded(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        case refused(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, HTTPResponse.Status)
    }

    struct Value: ServerChildChannelValue {
        let upgradeResult: EventLoopFuture<UpgradeResult>
        let channel: any Channel
    }

    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1WebSocketUpgradeChannel.Configuration
    /// Time-outs and the per-address cap of connections that are not (yet) WebSockets.
    let limits: HTTPLimits
    /// How often the server pings each socket (``Liveness``).
    let pingInterval: TimeAmount
    /// The text of the answer to `ping` request N, given on the event loop (``QuickPing``).
    let pingAnswer: @Sendable (Int64) -> String
    let decide: @Sendable (HTTPRequest, any Channel, Logger) async -> UpgradeDecision

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            guard let place = limits.admit(channel) else {
                // Not a failed setup: that would end the server's accept loop. `handle` closes it.
                logger.debug("HTTP connection refused: too many from one address",
                             metadata: ["address": "\(channel.remoteAddress?.ipAddress ?? "unknown")"])
                return Value(upgradeResult: channel.eventLoop.makeFailedFuture(TooManyConnections()), channel: channel)
            }
            let refusal = NIOLoopBoundBox<HTTPResponse.Status?>(nil, eventLoop: channel.eventLoop)
            let ws = configuration.ws
            let extensions = NIOLoopBoundBox<[any WebSocketExtension]>([], eventLoop: channel.eventLoop)
            let handlers = NIOLoopBoundBox<(@Sendable (WebSocketInboundStream, WebSocketOutboundWriter, any Channel, SocketContext) async throws -> Void)?>(nil, eventLoop: channel.eventLoop)
            let upgrader = NIOTypedWebSocketServerUpgrader<UpgradeResult>(
                maxFrameSize: ws.maxFrameSize,
                shouldUpgrade: { channel, head in
                    // The head is whole; the decision below may wait on the database.
                    channel.pipeline.syncOperations.removeHandler(name: FirstRequestDeadline.name, promise: nil)
                    let promise = channel.eventLoop.makePromise(of: HTTPHeaders?.self)
                    promise.completeWithTask {
                        guard let request = try? HTTPRequest(head, secure: false, splitCookie: false) else {
                            return nil
                        }
                        switch await decide(request, channel, logger) {
                        case .refuse(let status):
                            channel.eventLoop.execute { refusal.value = status }
                            return nil
                        case .accept(let handler):
                            // Extensions the client offered that the server has (permessage-deflate when
                            // `webSocketCompression` is on), negotiated as Hummingbird's own upgrade does.
                            let offered = WebSocketExtensionHTTPParameters.parseHeaders(request.headerFields)
                            let answers = ws.extensions.compactMap { $0.serverResponseHeader(to: offered) }
                            let agreed = (try? ws.extensions.compactMap { try $0.serverExtension(from: offered) }) ?? []
                            channel.eventLoop.execute {
                                handlers.value = handler
                                extensions.value = agreed
                            }
                            var headers = HTTPHeaders()
                            for answer in answers { headers.add(name: "Sec-WebSocket-Extensions", value: answer) }
                            return headers
                        }
                    }
                    return promise.futureResult
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        // A WebSocket from now on: the socket limit counts it, and its pings keep it honest.
                        place.giveBack()
                        try channel.pipeline.syncOperations.addHandler(Liveness(period: pingInterval))
                        if extensions.value.isEmpty {
                            try channel.pipeline.syncOperations.addHandler(QuickPing(answer: pingAnswer))
                        }
                        let asyncChannel = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                        let handler = handlers.value
                        let agreed = extensions.value
                        return UpgradeResult.websocket(asyncChannel) { asyncChannel in
                            guard let handler else { return }
                            let context = SocketContext(logger: logger, hasExtensions: !agreed.isEmpty)
                            do {
                                _ = try await WebSocketHandler.handle(
                                    type: .server,
                                    configuration: .init(
                                        extensions: agreed, autoPing: ws.autoPing, closeTimeout: ws.closeTimeout,
                                        validateUTF8: ws.validateUTF8, maxFrameSize: ws.maxFrameSize),
                                    asyncChannel: asyncChannel,
                                    context: context,
                                    handler: { inbound, outbound, context in
                                        try await handler(inbound, outbound, asyncChannel.channel, context)
                                    })
                            } catch {
                                logger.debug("WebSocket handler ended", metadata: ["error": "\(error)"])
                            }
                        }
                    }
                })

            let serverUpgradeConfiguration = NIOTypedHTTPServerUpgradeConfiguration(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        channel.pipeline.syncOperations.removeHandler(name: FirstRequestDeadline.name, promise: nil)
                        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try channel.pipeline.syncOperations.addHandlers(configuration.http1.additionalChannelHandlers())
                        try channel.pipeline.syncOperations.addHandler(HTTPConnectionGuard(limits: limits, logger: logger))
                        let asyncChannel = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                        if let status = refusal.value {
                            return UpgradeResult.refused(asyncChannel, status)
                        }
                        return UpgradeResult.notUpgraded(asyncChannel)
                    }
                })
            var upgradeConfiguration = NIOUpgradableHTTPServerPipelineConfiguration<UpgradeResult>(upgradeConfiguration: serverUpgradeConfiguration)
            upgradeConfiguration.enablePipelining = false
            // A request NIO cannot parse gets a 400 and a close rather than waiting for the idle time-out.
            upgradeConfiguration.enableErrorHandling = true
            upgradeConfiguration.enableResponseHeaderValidation = false
            upgradeConfiguration.decoderConfiguration.maxHeaderFieldSize = configuration.http1.httpDecoder.maxHeaderFieldSize
            upgradeConfiguration.decoderConfiguration.maxHeaderListSize = configuration.http1.httpDecoder.maxHeaderListSize
            upgradeConfiguration.decoderConfiguration.maxHeaderFieldCount = configuration.http1.httpDecoder.maxHeaderFieldCount
            let negotiated = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: upgradeConfiguration)
            // Last, so that it sees NIO's parse errors of the first head.
            try channel.pipeline.syncOperations.addHandler(FirstRequestDeadline(timeout: limits.requestHead), name: FirstRequestDeadline.name)
            return Value(upgradeResult: negotiated, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgradeResult.get() {
            case .notUpgraded(let http1):
                await handleHTTP(asyncChannel: http1, logger: logger)
            case .refused(let http1, let status):
                await refuse(asyncChannel: http1, status: status, logger: logger)
            case .websocket(let asyncChannel, let handler):
                await handler(asyncChannel)
            }
        } catch {
            logger.debug("Connection ended before it was set up", metadata: ["error": "\(error)"])
            value.channel.close(promise: nil)
        }
    }

    struct TooManyConnections: Error {}

    private func refuse(asyncChannel: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, status: HTTPResponse.Status, logger: Logger) async {
        let body = ByteBuffer(string: #"{"error":{"code":"\#(status == .forbidden ? "forbidden" : "invalid")","message":"WebSocket upgrade refused","field":null}}"#)
        do {
            try await asyncChannel.executeThenClose { _, outbound in
                let head = HTTPResponse(status: status, headerFields: [
                    .connection: "close", .contentType: "application/json", .contentLength: String(body.readableBytes),
                ])
                try await outbound.write(contentsOf: [.head(head), .body(body), .end(nil)])
            }
        } catch {
            logger.trace("Could not write the refusal", metadata: ["error": "\(error)"])
        }
    }
}
