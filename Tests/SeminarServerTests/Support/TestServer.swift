import Foundation
import Logging
import SeminarCore
import SeminarServer
import SeminarStore
import ServiceLifecycle

/// A real server on an ephemeral loopback port, with its own temporary data folder.
struct TestServer {
    let server: SeminarServer
    let port: Int
    let group: ServiceGroup
    let run: Task<Void, any Error>
    let dataDirectory: String

    var http: String { "http://127.0.0.1:\(port)" }
    var ws: String { "ws://127.0.0.1:\(port)/ws" }
    var database: AppDatabase { server.database }

    static func start(dataDirectory: String? = nil, _ configure: (inout Settings) -> Void = { _ in }) async throws -> TestServer {
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("seminar-test-\(UUID().uuidString)").path
        var settings = Settings()
        settings.host = "127.0.0.1"
        settings.port = 0
        settings.dataDirectory = directory
        settings.demo = false
        settings.bcryptCost = 4
        settings.messageRate = 1_000
        settings.messageBurst = 1_000
        settings.mediaHosts = ["cdn.example.org"]
        settings.connectionsPerAddress = 10_000
        configure(&settings)
        var logger = Logger(label: "seminar-test")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = try await buildApplication(settings: settings, logger: logger, onServerRunning: { port in
            portContinuation.yield(port)
        })
        let group = server.serviceGroup(signals: [])
        let run = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("server did not start") }
        return TestServer(server: server, port: port, group: group, run: run, dataDirectory: directory)
    }

    /// Graceful shutdown, as on SIGTERM.
    func stop(keepData: Bool = false) async {
        await group.triggerGracefulShutdown()
        _ = try? await run.value
        if !keepData { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }

    /// Creates an account directly in the database and a session token for it.
    func makeUser(_ name: String = "Person", role: Role = .participant) async throws -> (user: UserRecord, token: String) {
        let user = try await database.createUser(
            email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))-\(UUID().uuidString.prefix(8))@example.org",
            passwordHash: try await Passwords(cost: 4).hash("password-123"), displayName: name, locale: .en, role: role,
            now: Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)))
        let token = Passwords.newToken()
        try await database.createAuthSession(
            tokenHash: Passwords.tokenHash(token), user: user.id,
            now: Timestamp(seconds: Int64(Date().timeIntervalSince1970)), expiresAt: Timestamp(seconds: Int64(Date().timeIntervalSince1970) + 3600))
        return (user, token)
    }

    /// A socket that has said hello with the token of a new user of `role`.
    func signedInSocket(_ name: String = "Person", role: Role = .participant) async throws -> (socket: TestSocket, user: UserRecord, token: String) {
        let (user, token) = try await makeUser(name, role: role)
        let socket = try await TestSocket.connect(ws)
        let hello = try await socket.request("hello", ["token": token])
        guard hello.ok else { throw TestFailure("hello failed: \(hello.raw)") }
        return (socket, user, token)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a deadline: a test that would hang fails instead.
func withDeadline<T: Sendable>(_ seconds: Double = 20, _ what: String = "operation", _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await ContinuousClock().sleep(for: .seconds(seconds))
            throw TestFailure("\(what) did not finish within \(seconds) s")
        }
        defer { group.cancelAll() }
        guard let value = try await group.next() else { throw TestFailure("\(what): no result") }
        return value
    }
}
