import Foundation
import HummingbirdWSClient
import NIOCore

/// The clients of `broadcast-capacity`, kept open from one step to the next. The first `senders` of them also send;
/// every one times the deliveries of the messages whose text is `cap <send time in ms> s<sender> m<n>` (``TimedText``).
final class CapacityPool: @unchecked Sendable {
    let delivery = Samples()
    let senders: Int

    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []
    private var outbounds: [Int: WebSocketOutboundWriter] = [:]
    private var entered = 0
    private var left = 0
    private var failures_: [String: Int] = [:]
    private var failed_ = 0
    private var openFilesLimit = false
    /// Request ids of the senders' messages, unique on each socket across steps.
    private var nextID = 1_000
    /// Per sender: its own messages seen back this step, and whether one was refused.
    private var echoed: [Int]
    private var refused: [String?]
    /// Per client: the timed messages it got this step (how a step's missing deliveries are spread).
    private var got: [Int] = []

    init(senders: Int) {
        self.senders = senders
        echoed = Array(repeating: 0, count: senders)
        refused = Array(repeating: nil, count: senders)
    }

    var alive: Int { lock.withLock { entered - left } }
    var failed: Int { lock.withLock { failed_ } }
    var failures: [String: Int] { lock.withLock { failures_ } }
    var hitOpenFilesLimit: Bool { lock.withLock { openFilesLimit } }

    /// Connects clients (at most 200 at a time) until `size` have entered the room, or one could not, or the deadline.
    func grow(to size: Int, tokens: [String], target: BenchTarget, room: Int, until deadline: ContinuousClock.Instant) async {
        let batch = 200
        while lock.withLock({ tasks.count }) < size, !hitOpenFilesLimit, ContinuousClock.now < deadline {
            let first = lock.withLock { tasks.count }
            let last = min(size, first + batch)
            for index in first..<last {
                let task = Task { await self.client(index, token: tokens[index], target: target, room: room) }
                lock.withLock { tasks.append(task) }
            }
            while lock.withLock({ entered + failed_ }) < last, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            if failed > 0 { return }
        }
    }

    private func client(_ index: Int, token: String, target: BenchTarget, room: Int) async {
        do {
            try await BenchSession.run(target, token: token) { session in
                let reply = try await session.request("room.enter", ["roomId": room])
                guard reply["ok"] as? Bool == true else { throw BenchError("room.enter refused: \(reply["error"] ?? "")") }
                self.entered(index, session.outbound)
                defer { self.lock.withLock { self.left += 1 } }
                while let message = try await session.inbound.next() {
                    if case .text(let text) = message { self.received(text, by: index) }
                }
            }
        } catch {
            let description = String(describing: error)
            let emfile = (error as? IOError)?.errnoCode == EMFILE || description.contains("Too many open files")
            lock.withLock {
                if outbounds[index] == nil {
                    failed_ += 1
                    failures_[emfile ? "open-files limit (EMFILE)" : String(description.prefix(80)), default: 0] += 1
                }
                if emfile { openFilesLimit = true }
            }
        }
    }

    private func entered(_ index: Int, _ outbound: WebSocketOutboundWriter) {
        lock.withLock {
            entered += 1
            outbounds[index] = outbound
        }
    }

    /// A frame for client `index`: a timed message is recorded; a sender notes its own message back, or a refusal.
    private func received(_ text: String, by index: Int) {
        if let (sentAt, sender) = TimedText.sentAt(text, marker: Self.marker) {
            delivery.add(BenchOutput.nowMs() - sentAt)
            lock.withLock {
                if index < got.count { got[index] += 1 }
                if let sender, sender == index, sender < senders { echoed[sender] += 1 }
            }
        } else if index < senders, text.hasPrefix(#"{"re":"#), text.contains(#""ok":false"#) {
            lock.withLock { refused[index] = String(text.prefix(160)) }
        }
    }

    private static let marker = TimedText.marker("cap ")

    /// Starts a step: the samples and the senders' counts start afresh.
    func startStep() {
        delivery.reset()
        lock.withLock {
            echoed = Array(repeating: 0, count: senders)
            refused = Array(repeating: nil, count: senders)
            got = Array(repeating: 0, count: tasks.count)
        }
    }

    /// The clients short of `expected` messages this step, as "N clients (indexes A–B) got K": how the missing
    /// deliveries are spread, for a step that ends with some missing.
    func shortfall(expected: Int) -> String {
        let counts = lock.withLock { got }
        var groups: [Int: (count: Int, first: Int, last: Int)] = [:]
        for (index, count) in counts.enumerated() where count < expected {
            let group = groups[count] ?? (0, index, index)
            groups[count] = (group.count + 1, group.first, index)
        }
        return groups.sorted { $0.key < $1.key }.prefix(4)
            .map { "\($0.value.count) clients (indexes \($0.value.first)–\($0.value.last)) got \($0.key)" }
            .joined(separator: "; ")
    }

    /// Sends `count` messages as sender `sender`, each once the previous one is back; how many were sent and, if
    /// the sender could not go on, why.
    func send(_ count: Int, as sender: Int, room: Int, until deadline: ContinuousClock.Instant) async -> (sent: Int, problem: String?) {
        guard let outbound = lock.withLock({ outbounds[sender] }) else { return (0, "sender \(sender) is not connected") }
        for n in 0..<count {
            let id = lock.withLock { nextID += 1; return nextID }
            let text = "cap \(String(format: "%.3f", BenchOutput.nowMs())) s\(sender) m\(n)"
            do {
                try await outbound.write(.text(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(room),"text":"\#(text)"}}"#))
            } catch {
                return (n, "sender \(sender): \(error)")
            }
            while true {
                let (back, refusal) = lock.withLock { (echoed[sender], refused[sender]) }
                if back > n { break }
                if let refusal { return (n + 1, "chat.send refused: \(refusal)") }
                if ContinuousClock.now >= deadline { return (n + 1, "step timed out") }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        return (count, nil)
    }

    /// Closes every socket, waits a little for the handshakes, then gives up on the rest.
    func closeAll() async {
        let (writers, all) = lock.withLock { (Array(outbounds.values), tasks) }
        for writer in writers { try? await writer.close(.normalClosure, reason: nil) }
        let deadline = ContinuousClock.now + .seconds(10)
        while alive > 0, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        for task in all { task.cancel() }
    }

}
