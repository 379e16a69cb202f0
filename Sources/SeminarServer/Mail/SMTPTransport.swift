import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SeminarCore

/// Sends one mail over one SMTP connection: the NIO edge of ``SMTPConversation``, which decides every step. Each step
/// (connect, every reply, the TLS handshake with the reply after it) has the same time-out.
struct SMTPTransport: Sendable {
    let endpoint: SMTPEndpoint
    let tls: NIOSSLContext?
    let timeout: TimeAmount
    let heloName: String

    /// `verify` false accepts any certificate (tests, a local relay); `caFile` trusts that PEM file instead of the system's.
    init(endpoint: SMTPEndpoint, verify: Bool, caFile: String?, timeoutSeconds: Int, heloName: String) throws {
        self.endpoint = endpoint
        self.timeout = .seconds(Int64(timeoutSeconds))
        self.heloName = heloName
        if endpoint.security == .none {
            tls = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if !verify { configuration.certificateVerification = .none }
            if let caFile { configuration.trustRoots = .file(caFile) }
            tls = try NIOSSLContext(configuration: configuration)
        }
    }

    /// Delivers `message` (rendered, CRLF) from `from` to `to`; throws an ``SMTPFailure`` saying whether to retry.
    func send(from: String, to: String, message: String) async throws(SMTPFailure) {
        let channel: any Channel
        let firstFailure = FirstFailure()
        do {
            channel = try await connect(firstFailure)
        } catch {
            throw SMTPFailure(permanent: false, reason: "cannot connect to \(endpoint.host):\(endpoint.port): \(error)")
        }
        var conversation = SMTPConversation(security: endpoint.security, credentials: endpoint.credentials, heloName: heloName,
                                            from: from, to: to, message: message)
        do {
            let greeting = try await nextReply(channel)
            var step = conversation.receive(greeting)
            while true {
                switch step {
                case .send(let line):
                    try await write(line + "\r\n", channel)
                    let reply = try await nextReply(channel)
                    step = conversation.receive(reply)
                case .sendData(let data):
                    try await write(data, channel)
                    let reply = try await nextReply(channel)
                    step = conversation.receive(reply)
                case .startTLS:
                    try await startTLS(channel)
                    step = conversation.tlsStarted()
                case .delivered:
                    try? await channel.close()
                    return
                case .failed(let failure):
                    firstFailure.record(failure)
                    try? await write("QUIT\r\n", channel)
                    try? await channel.close()
                    throw failure
                }
            }
        } catch {
            try? await channel.close()
            // Once the message is accepted, what happens to QUIT does not matter.
            if conversation.accepted { return }
            // The reason the connection ended (a TLS handshake refused, say) says more than the write it broke.
            throw firstFailure.failure ?? error as? SMTPFailure ?? SMTPFailure(permanent: false, reason: "\(error)")
        }
    }

    private func connect(_ firstFailure: FirstFailure) async throws -> any Channel {
        let tls = endpoint.security == .implicitTLS ? self.tls : nil
        let sni = Self.sniName(endpoint.host)
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sni)) }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(firstFailure: firstFailure))
                }
            }
            .connect(host: endpoint.host, port: endpoint.port).get()
    }

    /// The next reply, or a time-out that ends the connection.
    private func nextReply(_ channel: any Channel) async throws -> SMTPReply {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: SMTPReply.self)
        let timeout = self.timeout
        loop.execute {
            guard let handler = try? channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self) else {
                promise.fail(SMTPFailure(permanent: false, reason: "the connection closed"))
                return
            }
            handler.next(promise)
            let timer = loop.scheduleTask(in: timeout) {
                (try? channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self))?.fail(SMTPFailure(permanent: false, reason: "no reply within \(timeout.nanoseconds / 1_000_000_000) s"), context: nil)
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
        }
        return try await promise.futureResult.get()
    }

    private func write(_ text: String, _ channel: any Channel) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    private func startTLS(_ channel: any Channel) async throws {
        guard let tls else { throw SMTPFailure(permanent: true, reason: "no TLS context") }
        let sni = Self.sniName(endpoint.host)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sni), position: .first)
        }.get()
    }

    /// Server names are sent in TLS's SNI; addresses are not (the certificate is then checked against the address).
    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) ? nil : host
    }
}
