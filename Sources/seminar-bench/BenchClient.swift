import Foundation
import HTTPTypes
import HummingbirdWSClient
import WSCompression
import Logging
import NIOCore
import NIOPosix
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the protocol scenarios share: the server's address, accounts made through open registration, one
/// WebSocket per simulated person, and the numbers they report.
struct BenchTarget: Sendable {
    let http: String
    /// Offer permessage-deflate on every socket (the server agrees when its `webSocketCompression` is on).
    var deflate = false
    var ws: String { http.replacingOccurrences(of: "http://", with: "ws://") + "/ws" }

    init(url: String, deflate: Bool = false) throws {
        self.deflate = deflate
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard trimmed.hasPrefix("http://"), let host = URL(string: trimmed)?.host, ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw BenchError("--url must be an http:// address on this machine (127.0.0.1, localhost): tests never leave the loopback")
        }
        http = trimmed
    }

    /// Registers `count` people (at most `parallel` at once); their session tokens, in order. A server for benchmarks
    /// runs with a low bcrypt cost and a high sign-up rate (docs/benchmarks.md).
    func register(_ count: Int, prefix: String, parallel: Int = 32) async throws -> [String] {
        let run = UUID().uuidString.prefix(8).lowercased()
        var tokens = [String?](repeating: nil, count: count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                group.addTask {
                    let body: [String: Any] = ["email": "\(prefix)-\(run)-\(index)@bench.invalid", "password": "bench-password-\(index)",
                                               "displayName": "\(prefix) \(index)"]
                    let json = try await self.post("/api/register", body)
                    guard let token = json["token"] as? String else { throw BenchError("registration refused: \(json)") }
                    return (index, token)
                }
            }
            for _ in 0..<min(parallel, count) { add() }
            while let (index, token) = try await group.next() {
                tokens[index] = token
                if next < count { add() }
            }
        }
        return tokens.map { $0 ?? "" }
    }

    func post(_ path: String, _ body: [String: Any], token: String? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: http + path)!)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if let status = (response as? HTTPURLResponse)?.statusCode, status >= 400 {
            throw BenchError("\(path): HTTP \(status) \(json["error"] ?? "")")
        }
        return json
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One simulated person's socket, used from inside its connection handler: requests by id, everything else
/// handed to `onEvent`.
struct BenchSession {
    let outbound: WebSocketOutboundWriter
    var inbound: WebSocketInboundMessageStream.AsyncIterator
    var nextID = 1

    /// Sends a request and reads until its reply; events read meanwhile go to `onEvent`.
    mutating func request(_ type: String, _ data: [String: Any] = [:], onEvent: ([String: Any]) -> Void = { _ in }) async throws -> [String: Any] {
        let id = nextID
        nextID += 1
        try await send(["id": id, "type": type, "data": data])
        while let message = try await inbound.next() {
            guard case .text(let text) = message, let frame = Self.parse(text) else { continue }
            if frame["re"] as? Int == id { return frame }
            onEvent(frame)
        }
        throw BenchError("the socket closed before the reply to \(type)")
    }

    func send(_ object: [String: Any]) async throws {
        try await outbound.write(.text(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)))
    }

    static func parse(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// Connects, says hello with `token`, and runs `body` with the session; returns what `body` returns.
    static func run<T: Sendable>(_ target: BenchTarget, token: String,
                                 _ body: @escaping @Sendable (inout BenchSession) async throws -> T) async throws -> T {
        let result = ResultBox<T>()
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let config = WebSocketClientConfiguration(maxFrameSize: 1 << 22, extensions: target.deflate ? [.perMessageDeflate()] : [],
                                                  autoPing: .disabled)
        _ = try await WebSocketClient.connect(url: target.ws, configuration: config, logger: logger) { inbound, outbound, _ in
            var session = BenchSession(outbound: outbound, inbound: inbound.messages(maxSize: 1 << 22).makeAsyncIterator())
            let hello = try await session.request("hello", ["token": token])
            guard hello["ok"] as? Bool == true else { throw BenchError("hello refused: \(hello)") }
            result.set(try await body(&session))
            try? await outbound.close(.normalClosure, reason: nil)
        }
        guard let value = result.value else { throw BenchError("the connection ended early") }
        return value
    }
}

/// Where a connection handler leaves its result.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    func set(_ value: T) { lock.lock(); stored = value; lock.unlock() }
    var value: T? { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Counters shared by many clients.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func add(_ key: String, _ n: Int = 1) { lock.lock(); counts[key, default: 0] += n; lock.unlock() }
    subscript(key: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[key, default: 0] }
    var all: [String: Int] { lock.lock(); defer { lock.unlock() }; return counts }
}

enum BenchOutput {
    static func nowMs() -> Double { Date().timeIntervalSince1970 * 1000 }

    /// A duration in seconds.
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// The server's resident memory, from /proc (when its pid is given); `peak`: the most it has held (VmHWM).
    static func rssMiB(pid: Int32?, peak: Bool = false) -> Double? {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(peak ? "VmHWM:" : "VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    /// CPU seconds (user + system) a process has used so far, from /proc (`nil` pid: this process).
    static func cpuSeconds(pid: Int32?) -> Double? {
        cpuTimes(pid: pid).map { $0.user + $0.system }
    }

    /// The CPU seconds a process (nil: this one) has spent in user space and in the kernel.
    static func cpuTimes(pid: Int32?) -> CPUTimes? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        return CPUTimes(user: user / tick, system: system / tick)
    }

    static func jsonLine(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    /// The first room that is open or live (the scenarios gather everyone there), found with guide.now and the program.
    static func liveRoom(_ target: BenchTarget, token: String) async throws -> Int {
        try await BenchSession.run(target, token: token) { session in
            let guide = try await session.request("guide.now")
            if let now = (guide["data"] as? [String: Any])?["now"] as? [[String: Any]], let room = now.first?["roomId"] as? Int { return room }
            throw BenchError("no session is live: open and start one (or start the server with its demo seminar)")
        }
    }
}

/// CPU seconds of a process, in user space and in the kernel.
struct CPUTimes: Sendable {
    var user: Double
    var system: Double

    static func - (a: CPUTimes, b: CPUTimes) -> CPUTimes { CPUTimes(user: a.user - b.user, system: a.system - b.system) }
}
