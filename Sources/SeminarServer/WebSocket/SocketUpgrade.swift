import HTTPTypes
import Logging
import NIOCore
import SeminarCore
import SeminarStore

/// Decides each `GET /ws` upgrade: a foreign `Origin` gets 403; an address that already holds
/// `connectionsPerAddress` sockets (the client's address, ``ForwardedClient``) gets 429; the session cookie, when present and valid, signs the socket in at
/// once (the client still sends `hello`).
struct SocketUpgrade {
    let services: Services

    func decide(_ request: HTTPRequest, channel: any Channel, logger: Logger) async -> UpgradeDecision {
        guard request.path?.split(separator: "?").first == "/ws" else { return .refuse(.notFound) }
        guard services.origins.permits(request.headerFields, authority: request.authority) else {
            logger.notice("WebSocket refused: foreign origin", metadata: ["origin": "\(request.headerFields[.origin] ?? "")"])
            return .refuse(.forbidden)
        }
        // Behind a trusted proxy every socket comes from the proxy: the limit counts the client it forwards for.
        let address = services.client(of: request.headerFields, peer: channel.remoteAddress?.ipAddress ?? "unknown").address
        let limiter = services.addressLimiter
        guard limiter.take(address) else {
            logger.notice("WebSocket refused: too many sockets from one address", metadata: ["address": "\(address)"])
            return .refuse(.tooManyRequests)
        }
        channel.closeFuture.whenComplete { _ in limiter.give(address) }
        var signedIn: (UserRecord, [UInt8])?
        if let token = SessionCookie.token(in: request.headerFields) {
            let hash = Passwords.tokenHash(token)
            if let user = try? await services.database.user(tokenHash: hash, now: services.clock()) {
                signedIn = (user, hash)
            }
        }
        let handler = ConnectionHandler(services: services)
        let user = signedIn
        return .accept { inbound, outbound, channel, context in
            try await handler.run(inbound: inbound, outbound: outbound, channel: channel, logger: context.logger,
                                  framesAsEncoded: !context.hasExtensions, signedIn: user)
        }
    }
}
