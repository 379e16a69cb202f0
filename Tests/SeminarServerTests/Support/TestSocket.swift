import Foundation
import HTTPTypes
import HummingbirdWSClient
import WSCompression
import Logging
import NIOCore
import Synchronization

/// A parsed frame from the server: a reply (`re`) or an event (`topic`/`type`).
struct Frame: Sendable {
    let raw: String
    let object: [String: any Sendable]

    init(_ raw: String) {
        self.raw = raw
        let parsed = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any] ?? [:]
        self.object = parsed.mapValues { Frame.sendable($0) }
    }

    private static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let d as [String: Any]: return d.mapValues { sendable($0) }
        case let a as [Any]: return a.map { sendable($0) }
        case let s as String: return s
        case let b as Bool where !(value is Int) || String(cString: (value as! NSNumber).objCType) == "c": return b
        case let n as NSNumber:
            let d = n.doubleValue
            let whole = d == d.rounded() && d >= -9.2e18 && d <= 9.2e18
            return whole && n.int64Value == Int64(d) ? n.int64Value as any Sendable : d
        default: return String(describing: value)
        }
    }

    var re: Int64? { object["re"] as? Int64 }
    var ok: Bool { (object["ok"] as? Int64) == 1 || (object["ok"] as? Bool) == true }
    var topic: String? { object["topic"] as? String }
    var type: String? { object["type"] as? String }
    var seq: Int64? { object["seq"] as? Int64 }
    var data: [String: any Sendable] { object["data"] as? [String: any Sendable] ?? [:] }
    var error: [String: any Sendable] { object["error"] as? [String: any Sendable] ?? [:] }
    var errorCode: String? { error["code"] as? String }
}

/// A real WebSocket client (swift-websocket) for live-server tests. Frames that are not the awaited reply
/// are kept in order for `nextEvent`.
final class TestSocket: Sendable {
    private let outbound: WebSocketOutboundWriter
    private let frames: AsyncStream<Frame>
    private let iterator: IteratorBox
    private let backlog = Mutex<[Frame]>([])
    private let nextID = Mutex<Int64>(100)
    private let stop: AsyncStream<Void>.Continuation
    /// Finishes with the close frame the server sent (nil if none).
    let closed: Task<WebSocketCloseFrame?, any Error>

    private init(outbound: WebSocketOutboundWriter, frames: AsyncStream<Frame>, stop: AsyncStream<Void>.Continuation,
                 closed: Task<WebSocketCloseFrame?, any Error>) {
        self.outbound = outbound
        self.frames = frames
        self.iterator = IteratorBox(frames.makeAsyncIterator())
        self.stop = stop
        self.closed = closed
    }

    /// Connects; with `reading: false` the client never reads what the server sends (a stuck client).
    static func connect(_ url: String, origin: String? = nil, reading: Bool = true, deflate: Bool = false) async throws -> TestSocket {
        let (frames, frameContinuation) = AsyncStream.makeStream(of: Frame.self)
        let (stops, stopContinuation) = AsyncStream.makeStream(of: Void.self)
        let (ready, readyContinuation) = AsyncStream.makeStream(of: WebSocketOutboundWriter.self)
        var headers: HTTPFields = [:]
        if let origin { headers[.origin] = origin }
        let config = WebSocketClientConfiguration(maxFrameSize: 1 << 24, additionalHeaders: headers,
                                                  extensions: deflate ? [.perMessageDeflate()] : [], autoPing: .disabled)
        var logger = Logger(label: "test-socket")
        logger.logLevel = .critical
        let closed = Task {
            defer {
                frameContinuation.finish()
                readyContinuation.finish()
            }
            return try await WebSocketClient.connect(url: url, configuration: config, logger: logger) { inbound, outbound, _ in
                readyContinuation.yield(outbound)
                if reading {
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        if case .text(let text) = message { frameContinuation.yield(Frame(text)) }
                    }
                } else {
                    for await _ in stops { break }
                }
            }
        }
        var readyIterator = ready.makeAsyncIterator()
        guard let outbound = await readyIterator.next() else {
            _ = try await closed.value
            throw TestFailure("could not connect to \(url)")
        }
        return TestSocket(outbound: outbound, frames: frames, stop: stopContinuation, closed: closed)
    }

    /// Waits for the connection to end; the close frame the server sent, if any.
    func waitClosed() async throws -> WebSocketCloseFrame? {
        let closed = self.closed
        return try await withTaskCancellationHandler {
            try await closed.value
        } onCancel: {
            closed.cancel()
        }
    }

    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    func send(json: [String: Any]) async throws {
        try await send(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
    }

    /// Sends a request and waits for its reply; events arriving meanwhile are kept for `nextEvent`.
    func request(_ type: String, _ data: [String: Any] = [:], key: String? = nil, timeout: Double = 20) async throws -> Frame {
        let id = nextID.withLock { $0 += 1; return $0 }
        var message: [String: Any] = ["id": id, "type": type, "data": data]
        if let key { message["key"] = key }
        try await send(json: message)
        return try await withDeadline(timeout, "reply to \(type)") {
            while true {
                let frame = try await self.receive()
                if frame.re == id { return frame }
                self.backlog.withLock { $0.append(frame) }
            }
        }
    }

    /// The next reply or error frame, dropping the events that arrive meanwhile (for the fuzzer, whose frames may
    /// carry any id or none).
    func nextAnswer(timeout: Double = 20) async throws -> Frame {
        try await withDeadline(timeout, "an answer") {
            while true {
                let frame = try await self.receive()
                if frame.object["re"] != nil || (frame.type == "error" && frame.topic == nil) { return frame }
            }
        }
    }

    /// The next frame that is not a reply (in arrival order).
    func nextEvent(timeout: Double = 20) async throws -> Frame {
        if let frame = backlog.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return frame }
        return try await withDeadline(timeout, "next event") { try await self.receive() }
    }

    /// Events until `count` of topic `topic` with a seq have arrived.
    func events(_ count: Int, topic: String, timeout: Double = 30) async throws -> [Frame] {
        var result: [Frame] = []
        while result.count < count {
            let frame = try await nextEvent(timeout: timeout)
            if frame.topic == topic, frame.seq != nil { result.append(frame) }
        }
        return result
    }

    private func receive() async throws -> Frame {
        guard let frame = await iterator.next() else { throw TestFailure("socket closed") }
        return frame
    }

    /// Closes from the client side and waits for the connection to end.
    func close() async {
        stop.yield()
        try? await outbound.close(.normalClosure, reason: nil)
        _ = try? await closed.value
    }

    /// For a stuck (`reading: false`) socket: stop being stuck so the test can end.
    func release() {
        stop.yield()
    }
}

/// The frame iterator; only one receive runs at a time per socket (requests are awaited in turn).
private final class IteratorBox: @unchecked Sendable {
    private var iterator: AsyncStream<Frame>.Iterator

    init(_ iterator: AsyncStream<Frame>.Iterator) { self.iterator = iterator }

    func next() async -> Frame? { await iterator.next() }
}
