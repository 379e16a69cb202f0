import ArgumentParser
import Foundation
import HummingbirdWSClient
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `broadcast-capacity`: the websocket-shootout method. Everyone is in one room; the room grows in steps; at each
/// step `senders` people each send `messagesPerSender` messages one after another (the next once their own copy
/// is back), every member times every delivery from the send time inside the text, and the step passes when p95 ≤
/// the threshold with nothing missing. Connections are kept from one step to the next.
struct BroadcastCapacityScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "broadcast-capacity",
                                                    abstract: "The largest room whose broadcasts still arrive in time.")
    @OptionGroup var server: ServerOptions
    @Option(help: "Clients at the first step.") var start = 500
    @Option(help: "Clients added at each step.") var step = 500
    @Option(help: "Clients at most (the last step).") var max = 18_000
    @Option(help: "People sending at the same time.") var senders = 4
    @Option(help: "Messages each sender sends per step.") var messagesPerSender = 50
    @Option(help: "A step passes when its p95 delivery time is at most this (ms).") var thresholdMs = 500.0
    @Option(help: "Seconds a step (connecting, sending, draining) may take at most.") var stepTimeout = 120.0

    func validate() throws {
        guard start > 0, step > 0, max >= start else { throw ValidationError("--start and --step must be positive and --max at least --start") }
        guard (1...start).contains(senders) else { throw ValidationError("--senders must be 1 to --start") }
        guard messagesPerSender > 0, thresholdMs > 0, stepTimeout > 0 else {
            throw ValidationError("--messages-per-sender, --threshold-ms and --step-timeout must be positive")
        }
    }

    func run() async throws {
        try OpenFiles.ensure(sockets: max, option: "--max")
        let target = try server.target()
        var sizes = Array(stride(from: start, through: max, by: step))
        if sizes.last != max { sizes.append(max) }
        let pool = CapacityPool(senders: senders)
        var tokens = try await target.register(start, prefix: "capacity")
        let room = try await BenchOutput.liveRoom(target, token: tokens[0])
        let began = ContinuousClock.now
        var largestPassing = 0
        var stoppedBecause = "reached --max"

        print("step  clients  connected  failed  sent  deliveries  missing  p50(ms)  p95(ms)  p99(ms)  max(ms)  result")
        for (index, size) in sizes.enumerated() {
            let stepBegan = ContinuousClock.now
            let deadline = stepBegan + .seconds(stepTimeout)
            if tokens.count < size { tokens += try await target.register(size - tokens.count, prefix: "capacity") }
            await pool.grow(to: size, tokens: tokens, target: target, room: room, until: deadline)
            let outcome = await measure(pool, room: room, clients: size, until: deadline)
            let summary = pool.delivery.summary()
            let passed = outcome.problem == nil && summary["p95"]! <= thresholdMs
            if passed { largestPassing = size }
            print(String(format: "%4d  %7d  %9d  %6d  %4d  %10d  %7d  %7.1f  %7.1f  %7.1f  %7.1f  ", index + 1, size, pool.alive, pool.failed,
                         outcome.sent, outcome.delivered, outcome.expected - outcome.delivered, summary["p50"]!, summary["p95"]!,
                         summary["p99"]!, summary["max"]!) + (passed ? "pass" : "FAIL (\(outcome.problem ?? "p95 over \(thresholdMs) ms"))"))
            if server.json {
                let seconds = BenchOutput.seconds(ContinuousClock.now - stepBegan)
                var line: [String: Any] = [
                    "scenario": "broadcast-capacity", "step": index + 1, "clients": size, "connected": pool.alive, "failed": pool.failed,
                    "durationS": seconds, "chatDelivery": summary, "sent": outcome.sent, "deliveries": outcome.delivered,
                    "missing": outcome.expected - outcome.delivered, "deliveriesPerS": Double(outcome.delivered) / Swift.max(outcome.sendingS, 0.001),
                    "thresholdMs": thresholdMs, "passed": passed,
                ]
                if let rss = BenchOutput.rssMiB(pid: server.serverPid) { line["serverRssMiB"] = rss }
                print(server.jsonLine(line))
            }
            if !passed {
                stoppedBecause = outcome.problem ?? "p95 over the threshold"
                break
            }
        }
        if pool.hitOpenFilesLimit {
            print("The bench process hit its open-files limit (ulimit -n \(OpenFiles.limit().soft)) at \(pool.alive) connections: lower --max.")
        }
        if !pool.failures.isEmpty { print("failures by cause: \(pool.failures)") }
        print("largest passing room: \(largestPassing) clients (p95 ≤ \(thresholdMs) ms, \(senders) senders × \(messagesPerSender) messages)")
        if server.json {
            var line: [String: Any] = [
                "scenario": "broadcast-capacity", "largestPassing": largestPassing, "thresholdMs": thresholdMs, "senders": senders,
                "messagesPerSender": messagesPerSender, "start": start, "stepSize": step, "max": max, "stoppedBecause": stoppedBecause,
                "durationS": BenchOutput.seconds(ContinuousClock.now - began),
            ]
            if let rss = BenchOutput.rssMiB(pid: server.serverPid) { line["serverRssMiB"] = rss }
            print(server.jsonLine(line))
        }
        await pool.closeAll()
        if pool.hitOpenFilesLimit { throw ExitCode(2) }
    }

    struct Outcome {
        var sent = 0
        var expected = 0
        var delivered = 0
        var sendingS = 0.0
        /// Why the step failed, when not (only) its p95.
        var problem: String?
    }

    /// One step: the senders each send their messages one after another, then the rest of the deliveries drain.
    func measure(_ pool: CapacityPool, room: Int, clients: Int, until deadline: ContinuousClock.Instant) async -> Outcome {
        var outcome = Outcome()
        pool.startStep()
        guard pool.alive == clients else {
            outcome.problem = pool.hitOpenFilesLimit ? "open-files limit" : "\(clients - pool.alive) could not connect"
            return outcome
        }
        try? await Task.sleep(for: .milliseconds(500))  // let the last joins settle
        pool.startStep()  // again: nothing from the joins counts
        let started = ContinuousClock.now
        let messages = messagesPerSender
        let results = await withTaskGroup(of: (sent: Int, problem: String?).self) { group in
            for sender in 0..<senders {
                group.addTask { await pool.send(messages, as: sender, room: room, until: deadline) }
            }
            return await group.reduce(into: [(sent: Int, problem: String?)]()) { $0.append($1) }
        }
        outcome.sent = results.map(\.sent).reduce(0, +)
        outcome.problem = results.compactMap(\.problem).first
        outcome.expected = outcome.sent * clients
        // The stragglers: until everything is in, nothing has come for the threshold's time, or the deadline.
        var last = (count: pool.delivery.count, at: ContinuousClock.now)
        let quiet = Duration.milliseconds(Int(Swift.max(2_000, 2 * thresholdMs)))
        while pool.delivery.count < outcome.expected, ContinuousClock.now < deadline, ContinuousClock.now - last.at < quiet {
            try? await Task.sleep(for: .milliseconds(10))
            let count = pool.delivery.count
            if count != last.count { last = (count, ContinuousClock.now) }
        }
        outcome.sendingS = BenchOutput.seconds(ContinuousClock.now - started)
        outcome.delivered = pool.delivery.count
        if outcome.problem == nil, pool.alive < clients { outcome.problem = "\(clients - pool.alive) disconnected" }
        if outcome.problem == nil, outcome.delivered < outcome.expected {
            outcome.problem = "\(outcome.expected - outcome.delivered) missing: \(pool.shortfall(expected: outcome.sent))"
        }
        return outcome
    }
}
