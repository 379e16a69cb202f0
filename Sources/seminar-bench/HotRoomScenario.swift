import ArgumentParser
import Foundation

/// `hot-room`: the commit rate one room sustains. Every person is a talker (spread over `--nodes`), and each sends
/// its next chat message as soon as the last one is acknowledged: the room's messages are committed one after another
/// (on PostgreSQL, each takes the room's counter row), so acknowledged messages a second is the room's ceiling on
/// this machine, and the acknowledgement time what a talker waits for it.
struct HotRoomScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hot-room", abstract: "How many chat messages a second one room commits.")
    @OptionGroup var server: ServerOptions
    @Option(help: "Talkers, all in one room.") var talkers = 200
    @Option(help: "Seconds over which they join.") var ramp = 5.0
    @Option(help: "Seconds of chat once everyone is in.") var duration = 20.0
    @Option(help: "Milliseconds a talker waits after an acknowledgement before its next message (0: at once).") var think = 0.0

    func run() async throws {
        let cluster = try server.cluster()
        let target = try server.target()
        try OpenFiles.ensure(sockets: talkers, option: "--talkers")
        let tokens = try await target.register(talkers, prefix: "hot")
        let room = try await BenchOutput.liveRoom(target, token: tokens[0])
        let results = HotRoomTalker.Results()
        let started = ContinuousClock.now
        let chatStart = BenchOutput.nowMs() + (ramp + 2) * 1000, end = chatStart + duration * 1000
        let cpu = NodeCPU(pids: cluster.pids)
        var people: [HotRoomTalker] = []
        for (index, token) in tokens.enumerated() {
            let plan = HotRoomTalker.Plan(token: token, room: room, node: cluster.node(of: index), chatStart: chatStart, end: end, thinkMs: think)
            let person = HotRoomTalker(plan: plan, results: results)
            people.append(person)
            let due = started + .milliseconds(Int(ramp * 1000 * Double(index) / Double(max(1, talkers))))
            if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            person.connect(cluster.targets[plan.node])
        }
        try await Task.sleep(for: .milliseconds(Int(max(0, chatStart - BenchOutput.nowMs()))))
        cpu.mark()
        try await Task.sleep(for: .milliseconds(Int(max(0, end - BenchOutput.nowMs()))))
        let nodeCpu = cpu.since()
        try await Task.sleep(for: .seconds(2))  // the last acknowledgements in flight
        people.forEach { $0.stop() }
        try await Task.sleep(for: .milliseconds(500))

        let tally = results.tally, summary = results.ack.summary()
        let perSecond = Double(tally["acked"]) / duration
        print("scenario  talkers  nodes  connected  failed  acked  acked/s  refused  ack p50(ms)  p95(ms)  p99(ms)  max(ms)")
        print(String(format: "hot-room  %7d  %5d  %9d  %6d  %5d  %7.1f  %7d  %11.1f  %7.1f  %7.1f  %7.1f", talkers, cluster.count,
                     tally["connected"], tally["failed"], tally["acked"], perSecond, tally["refused"], summary["p50"]!, summary["p95"]!,
                     summary["p99"]!, summary["max"]!))
        if !results.failures.all.isEmpty { print("failures and refusals by cause: \(results.failures.all)") }
        if server.json {
            var line: [String: Any] = [
                "scenario": "hot-room", "talkers": talkers, "nodes": cluster.urls, "connected": tally["connected"], "failed": tally["failed"],
                "dropped": tally["dropped"], "durationS": duration, "sent": tally["sent"], "acked": tally["acked"], "ackedPerS": perSecond,
                "refused": tally["refused"], "ack": summary, "failures": results.failures.all, "thinkMs": think,
            ]
            if !cluster.pids.isEmpty {
                line["nodePeakRssMiB"] = cluster.peakRssMiB()
                line["nodeCpuDuringChatS"] = nodeCpu
            }
            print(server.jsonLine(line))
        }
        if tally["failed"] > 0 { throw ExitCode(1) }
    }
}

/// The CPU seconds each node spends between two moments of a run.
final class NodeCPU: @unchecked Sendable {
    private let pids: [Int32]
    private var start: [Double?] = []

    init(pids: [Int32]) { self.pids = pids }

    func mark() { start = pids.map { BenchOutput.cpuSeconds(pid: $0) } }

    /// Seconds since ``mark()``, for each node still running.
    func since() -> [Double] {
        zip(start, pids.map { BenchOutput.cpuSeconds(pid: $0) }).compactMap { a, b in b.flatMap { b in a.map { b - $0 } } }
    }
}
