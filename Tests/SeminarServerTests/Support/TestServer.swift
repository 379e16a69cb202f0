import Foundation
import Logging
import SeminarCore
import SeminarServer
import SeminarStore
import ServiceLifecycle
import Synchronization

/// A real server on an ephemeral loopback port, with its own temporary data folder.
struct TestServer {
    let server: SeminarServer
    let port: Int
    let group: ServiceGroup
    let run: Task<Void, any Error>
    let dataDirectory: String

    var http: String { "http://127.0.0.1:\(port)" }
    var ws: String { "ws://127.0.0.1:\(port)/ws" }
    var database: any ServerStore { server.database }
    /// The embedded store, for the tests that read or write its tables directly.
    var sqlite: AppDatabase {
        guard let embedded = server.database as? AppDatabase else { preconditionFailure("this test needs the embedded store") }
        return embedded
    }

    static func start(dataDirectory: String? = nil, _ configure: (inout Settings) -> Void = { _ in }) async throws -> TestServer {
        try await start(dataDirectory: dataDirectory, clock: { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }, configure)
    }

    /// The same with a clock the test controls.
    static func start(dataDirectory: String? = nil, clock: @escaping @Sendable () -> Timestamp,
                      _ configure: (inout Settings) -> Void = { _ in }) async throws -> TestServer {
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
        // The other rate classes out of the way too (tests fire requests back to back); RateLimitTests set them low.
        settings.readRate = 100_000
        settings.readBurst = 100_000
        settings.subscribeRate = 100_000
        settings.subscribeBurst = 100_000
        settings.updateRate = 100_000
        settings.updateBurst = 100_000
        settings.toggleRate = 100_000
        settings.toggleBurst = 100_000
        settings.signalRate = 100_000
        settings.signalBurst = 100_000
        settings.mediaHosts = ["cdn.example.org"]
        settings.connectionsPerAddress = 10_000
        settings.httpConnectionsPerAddress = 10_000
        configure(&settings)
        var logger = Logger(label: "seminar-test")
        logger.logLevel = .warning
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = try await buildApplication(
            settings: settings, logger: logger, clock: clock,
            onServerRunning: { port in portContinuation.yield(port) })
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

/// Waits until `condition` gives a value, checking every 50 ms, for at most 20 s: for what no event announces (a file
/// written, a row marked, another node's once-a-second read).
func eventually<T: Sendable>(_ what: String, _ condition: @escaping @Sendable () async throws -> T?) async throws -> T {
    try await withDeadline(20, what) {
        while true {
            if let value = try await condition() { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// Runs `body` with a deadline: a test that would hang fails instead. The caller is answered at the deadline even if
/// `body` is stuck in something that ignores cancellation (awaiting a task's value): it is cancelled and left behind.
func withDeadline<T: Sendable>(_ seconds: Double = 20, _ what: String = "operation", _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        race.start(continuation)
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            race.finish(result)
        }
        race.setTimer(Task {
            try? await ContinuousClock().sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            work.cancel()
            race.finish(.failure(TestFailure("\(what) did not finish within \(seconds) s")))
        })
    }
}

/// Whichever of the body and the timer finishes first answers the caller, once.
private final class DeadlineRace<T: Sendable>: Sendable {
    private let state = Mutex<(waiter: CheckedContinuation<T, any Error>?, timer: Task<Void, Never>?, done: Bool)>((nil, nil, false))

    func start(_ waiter: CheckedContinuation<T, any Error>) { state.withLock { $0.waiter = waiter } }

    func setTimer(_ timer: Task<Void, Never>) {
        let finished = state.withLock { s in
            s.timer = timer
            return s.done
        }
        if finished { timer.cancel() }
    }

    func finish(_ result: Result<T, any Error>) {
        let (waiter, timer) = state.withLock { s -> (CheckedContinuation<T, any Error>?, Task<Void, Never>?) in
            guard !s.done else { return (nil, nil) }
            s.done = true
            defer { s.waiter = nil }
            return (s.waiter, s.timer)
        }
        timer?.cancel()
        waiter?.resume(with: result)
    }
}
