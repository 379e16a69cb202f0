import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// `baseline-server`: a bare broadcast server on the app's own stack (Hummingbird, HummingbirdWebSocket, the same
/// versions and socket settings) with no application logic — no SQLite, no sign-in checks, no permission table, no
/// rate limits. It speaks just enough of the protocol for every protocol scenario to run against it unchanged, so
/// that a scenario's figures against the app ÷ against this server show what the application costs.
struct BaselineServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline-server", abstract: "A bare broadcast server on the same stack, for app ÷ bare-stack ratios.")

    @Option(help: "Port to listen on.") var port = 8090
    @Option(help: "Address to listen on (loopback only).") var host = "127.0.0.1"

    func run() async throws {
        guard ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw ValidationError("--host must be a loopback address: benchmarks never leave the machine")
        }
        let logger = {
            var logger = Logger(label: "baseline-server")
            logger.logLevel = .notice
            return logger
        }()
        // One file per socket: take all the hard limit allows (out of files, the stack stops with a trap, not an error).
        let files = OpenFiles.raise(to: OpenFiles.limit().hard)
        let rooms = BaselineRooms()
        let accounts = Atomic<Int64>(0)

        let router = Router()
        router.get("/healthz") { _, _ in BaselineHTTP.json(.ok, #"{"status":"ok"}"#) }
        router.get("/api/seminar") { _, _ in
            BaselineHTTP.json(.ok, #"{"name":"Baseline","tagline":"","timeZone":"UTC","openRegistration":true}"#)
        }
        // Sign-up and sign-in take any body and hand out a token that names a new person: there is nothing to check.
        for path in ["/api/register", "/api/login"] {
            router.post(RouterPath(path)) { request, _ in
                _ = try await request.body.collect(upTo: 1 << 16)
                let id = accounts.add(1, ordering: .relaxed).newValue
                return BaselineHTTP.json(path == "/api/register" ? .created : .ok,
                                         #"{"token":"bare-\#(id)","user":{"id":\#(id),"displayName":"Person \#(id)","role":"participant"}}"#)
            }
        }

        // The app's socket settings (BuildApplication): frames up to 1 MiB, a ping every 20 s, 10 s to close.
        let channelConfiguration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: .seconds(120)),
            ws: .init(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(20)), closeTimeout: .seconds(10)))
        let application = Application(
            router: router,
            server: .http1WebSocketUpgrade(configuration: channelConfiguration) { request, channel, _ in
                guard request.path?.split(separator: "?").first == "/ws" else { return .dontUpgrade }
                return .upgrade([:]) { inbound, _, _ in
                    try await BaselineSocket(rooms: rooms, channel: channel).run(inbound)
                }
            },
            configuration: .init(address: .hostname(host, port: port), serverName: "seminar-baseline"),
            onServerRunning: { channel in
                logger.notice("baseline-server listening", metadata: ["url": "http://\(host):\(channel.localAddress?.port ?? port)",
                                                                      "openFiles": "\(files)"])
            },
            logger: logger)
        try await application.runService()
    }
}

enum BaselineHTTP {
    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
