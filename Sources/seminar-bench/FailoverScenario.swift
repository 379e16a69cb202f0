import ArgumentParser
import Foundation

/// `failover`: people spread over the nodes of a cluster in one room, talkers chatting steadily; one node is killed
/// with SIGKILL, and each of its people comes back on a survivor (as a load balancer would send them) with
/// `room.enter since`. It measures how long until the last of them is back, and for everyone the acknowledged
/// messages never received (lost) and those received twice (duplicated).
struct FailoverScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "failover", abstract: "Kill a node mid-chat; time until its people are back, lost and duplicated.")
    @OptionGroup var server: ServerOptions
    @Option(help: "A PostgreSQL database (an empty one, or one this scenario used): the bench starts --start-nodes nodes on it itself (instead of --nodes and --node-pids).")
    var databaseURL: String?
    @Option(help: "Nodes to start with --database-url.") var startNodes = 2
    @Option(help: "The seminar executable for --database-url (default: the one beside this generator).") var seminar: String?
    @Option(help: "The node to kill (its index in --nodes; it needs its --node-pids).") var victim = 0
    @Option(help: "People in the room.") var clients = 200
    @Option(help: "Of them, the talkers (spread over the nodes like everyone).") var talkers = 10
    @Option(help: "Mean seconds between two messages of a talker.") var chatEvery = 2.0
    @Option(help: "Seconds over which people join.") var ramp = 10.0
    @Option(help: "Seconds of chat after the ramp.") var duration = 30.0
    @Option(help: "Seconds into the chat when the victim is killed.") var killAfter = 10.0
    @Option(help: "Seconds after the chat for the last deliveries and resumes, at most.") var settle = 20.0

    func run() async throws {
        try OpenFiles.ensure(sockets: clients, option: "--clients")
        guard chatEvery > 0, talkers <= clients else { throw BenchError("--chat-every must be above 0 and --talkers at most --clients") }
        var started: [SeminarProcess.Server] = []
        defer {
            started.forEach { $0.stop() }
            // The data folders made for the nodes (each holds its node's log) go with them.
            started.forEach { try? FileManager.default.removeItem(atPath: $0.dataFolder) }
        }
        let cluster: NodeSpread
        if let databaseURL {
            started = try await Self.startNodes(startNodes, databaseURL: databaseURL, seminar: seminar)
            cluster = try NodeSpread(urls: started.map(\.url), pids: started.map { String($0.process.processIdentifier) })
        } else {
            cluster = try server.cluster()
        }
        guard cluster.count >= 2 else { throw BenchError("failover needs two nodes or more (--nodes, or --database-url)") }
        guard cluster.targets.indices.contains(victim), victim < cluster.pids.count else {
            throw BenchError("--victim \(victim) needs its process id in --node-pids")
        }
        _ = try server.target()  // the generator's scheduling and pacing
        let first = cluster.targets[cluster.survivor(for: 0, down: [victim]) ?? 0]
        let tokens = try await first.register(clients, prefix: "failover")
        let room = try await BenchOutput.liveRoom(first, token: tokens[0])
        let run = FailoverRun(cluster: cluster, room: room, victim: victim)
        let begin = ContinuousClock.now
        let chatStart = BenchOutput.nowMs() + (ramp + 2) * 1000, end = chatStart + duration * 1000
        let people = tokens.enumerated().map { index, token in
            FailoverPerson(plan: .init(index: index, token: token, talker: index < talkers, chatGapMs: chatEvery * 1000, chatStart: chatStart, end: end),
                           node: cluster.node(of: index), run: run)
        }
        for person in people {
            let due = begin + .milliseconds(Int(ramp * 1000 * Double(person.plan.index) / Double(max(1, clients))))
            if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            person.connect()
        }
        try await Task.sleep(for: .milliseconds(Int(max(0, chatStart + killAfter * 1000 - BenchOutput.nowMs()))))
        people.forEach { $0.killed() }
        let ackedBeforeKill = run.acks.count
        try run.killVictim(pid: cluster.pids[victim])
        try await Task.sleep(for: .milliseconds(Int(max(0, end - BenchOutput.nowMs()))))
        // The last deliveries and resumes: until everyone has every acknowledged message, or `settle` is out.
        let settled = ContinuousClock.now + .seconds(settle)
        while ContinuousClock.now < settled {
            let acknowledged = Array(run.acks.all)
            if people.allSatisfy({ $0.outcome.live && $0.hasAll(acknowledged) }) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let outcomes = people.map(\.outcome)
        run.stop()
        people.forEach { $0.stop() }

        let report = FailoverReport(outcomes, acknowledged: run.acks.acknowledged, killedAt: run.killTime ?? 0)
        for outcome in outcomes where !outcome.live { run.failures.add("at the end, not in the room: \(outcome.phase)") }
        let resume = run.resumeTime.summary(), ack = run.ackTime.summary(), tally = run.tally
        print("scenario  clients  nodes  on victim  resumed  all back(s)  resume p50/p95/max(ms)   acked before/after  lost  duplicated")
        print(String(format: "failover  %7d  %5d  %9d  %7d  %11.2f  %7.0f/%5.0f/%6.0f  %10d/%-8d  %4d  %10d", clients, cluster.count,
                     report.onVictim, report.resumed, report.allBackS, resume["p50"]!, resume["p95"]!, resume["max"]!,
                     ackedBeforeKill, run.acks.count - ackedBeforeKill, report.lost, report.duplicated))
        print(String(format: "  joined %d, dropped %d, re-entered %d, resyncs %d, unacknowledged sends %d, people with a loss %d, ack p95 %.1f ms",
                     tally["connected"], tally["dropped"], tally["reentered"], tally["resync"], tally["unacknowledged"], report.peopleWithLoss,
                     ack["p95"]!))
        if !run.failures.all.isEmpty { print("failures by cause: \(run.failures.all)") }
        if server.json {
            var line: [String: Any] = [
                "scenario": "failover", "clients": clients, "talkers": talkers, "nodes": cluster.urls, "victim": victim,
                "connected": tally["connected"], "failed": clients - tally["connected"], "durationS": BenchOutput.seconds(ContinuousClock.now - begin),
                "onVictim": report.onVictim, "resumed": report.resumed, "notResumed": report.onVictim - report.resumed,
                "allBackS": report.allBackS, "resume": resume, "ackedBeforeKill": ackedBeforeKill,
                "ackedAfterKill": run.acks.count - ackedBeforeKill, "unacknowledged": tally["unacknowledged"], "lost": report.lost,
                "duplicated": report.duplicated, "peopleWithLoss": report.peopleWithLoss, "ack": ack, "dropped": tally["dropped"],
                "reentered": tally["reentered"], "resyncs": tally["resync"], "failures": run.failures.all,
                "chatEveryS": chatEvery, "killAfterS": killAfter,
            ]
            line["nodePeakRssMiB"] = cluster.peakRssMiB()
            print(server.jsonLine(line))
        }
        if report.lost > 0 || report.duplicated > 0 || report.resumed < report.onVictim || tally["connected"] < clients { throw ExitCode(1) }
    }

    /// `count` nodes on `databaseURL`, each with a data folder of its own (its log there), with the limits of a
    /// benchmark server (docs/benchmarks.md); the first loads the demo seminar, whose live session is the room.
    static func startNodes(_ count: Int, databaseURL: String, seminar: String?) async throws -> [SeminarProcess.Server] {
        var servers: [SeminarProcess.Server] = []
        do {
            for _ in 0..<count {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-failover-\(UUID().uuidString.prefix(8))").path
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let process = try SeminarProcess(path: seminar, dataFolder: folder, environment: [
                    "SEMINAR_BCRYPT_COST": "4", "SEMINAR_LOGIN_PER_MINUTE": "1000000", "SEMINAR_CONNECTIONS_PER_ADDRESS": "20000",
                    "SEMINAR_MESSAGE_RATE": "1000", "SEMINAR_MESSAGE_BURST": "1000",
                ])
                servers.append(try await process.serve(databaseURL: databaseURL, demo: true))
            }
        } catch {
            servers.forEach { $0.stop() }
            throw error
        }
        return servers
    }
}
