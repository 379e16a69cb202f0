import ArgumentParser
import Foundation
import HummingbirdWSClient
import NIOCore
import SeminarCore

/// Options every protocol scenario takes.
struct ServerOptions: ParsableArguments {
    @Option(help: "The running server (loopback only).") var url = "http://127.0.0.1:8080"
    @Option(help: "Several nodes of one cluster, comma-separated (loopback only): people are spread over them in turn (replaces --url).")
    var nodes: String?
    @Option(help: "The nodes' process ids, comma-separated in the order of --nodes, to report their memory and CPU.")
    var nodePids: String?
    @Option(help: "The server's process id, to report its memory.") var serverPid: Int32?
    @Flag(help: "Print one JSON line last.") var json = false
    @Flag(help: "Offer permessage-deflate on every socket (the server must run with webSocketCompression on).") var deflate = false
    @Option(help: "How the generator's threads share the CPU with the server: normal, or batch (SCHED_BATCH: woken by a frame, they do not interrupt the server).")
    var scheduling = GeneratorScheduling.normal
    @Option(help: "The generator's event loops poll their sockets at most once every this many ms (0: as soon as one is readable). Delivery times can only grow by it.")
    var pollEvery = 2

    /// The server to drive, with the generator's threads scheduled and paced as asked.
    func target() throws -> BenchTarget {
        guard (0...100).contains(pollEvery) else { throw BenchError("--poll-every takes 0 to 100 (ms)") }
        try scheduling.apply()
        PollPacing(milliseconds: pollEvery).start()
        return try BenchTarget(url: cluster().urls[0], deflate: deflate)
    }

    /// The nodes people are spread over: `--nodes`, else `--url` alone.
    func cluster() throws -> NodeSpread {
        try NodeSpread(urls: nodes.map(NodeSpread.list) ?? [url], pids: nodePids.map(NodeSpread.list) ?? [])
    }

    /// The JSON line of a run, with the generator's scheduling and pacing.
    func jsonLine(_ object: [String: Any]) -> String {
        var object = object
        object["generatorScheduling"] = scheduling.rawValue
        object["generatorPollEveryMs"] = pollEvery
        return BenchOutput.jsonLine(object)
    }
}

extension GeneratorScheduling: ExpressibleByArgument {}

/// `join-storm`: N people sign in, connect, say hello, follow `seminar` and enter the live room as fast as the
/// server lets them (spread over `--nodes` in turn when given).
struct JoinStormScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "join-storm", abstract: "Everyone joins at once.")
    @OptionGroup var server: ServerOptions
    @Option(help: "People joining.") var clients = 200
    @Option(help: "Seconds to wait for everyone at most.") var timeout = 60

    func run() async throws {
        let target = try server.target()
        let cluster = try server.cluster()
        let tokens = try await target.register(clients, prefix: "storm")
        let room = try await BenchOutput.liveRoom(target, token: tokens[0])
        let joins = Samples()
        let failures = Tally()
        let joined = Tally()
        let release = Gate()
        let start = ContinuousClock.now
        let storm = Task {
            await withTaskGroup(of: Void.self) { group in
                for (index, token) in tokens.enumerated() {
                    var node = cluster.targets[cluster.node(of: index)]
                    node.deflate = target.deflate
                    group.addTask { [node] in
                        let began = BenchOutput.nowMs()
                        let done = Tally()
                        do {
                            try await BenchSession.run(node, token: token) { session in
                                _ = try await session.request("subscribe", ["topic": "seminar"])
                                let entered = try await session.request("room.enter", ["roomId": room])
                                guard entered["ok"] as? Bool == true else {
                                    throw BenchError((entered["error"] as? [String: Any])?["code"] as? String ?? "refused")
                                }
                                joins.add(BenchOutput.nowMs() - began)
                                joined.add("joined")
                                done.add("joined")
                                await release.wait() // stay until everyone has joined
                            }
                        } catch where done["joined"] == 0 {
                            failures.add(String(describing: error).prefix(60).description)
                            joined.add("failed")
                        } catch {}
                    }
                }
            }
        }
        let deadline = ContinuousClock.now + .seconds(timeout)
        while joined["joined"] + joined["failed"] < clients, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let allJoined = ContinuousClock.now - start
        await release.open()
        if joined["joined"] + joined["failed"] < clients { storm.cancel() }  // the time-out: stop the stragglers
        _ = await storm.value
        let seconds = BenchOutput.seconds(allJoined)
        let summary = joins.summary()
        print("scenario    clients  joined  failed  all-joined(s)  join p50(ms)  join p99(ms)")
        print(String(format: "join-storm  %7d  %6d  %6d  %13.2f  %12.1f  %12.1f", clients, joined["joined"], joined["failed"], seconds,
                     summary["p50"]!, summary["p99"]!))
        if !failures.all.isEmpty { print("failures by cause: \(failures.all)") }
        if server.json {
            var line: [String: Any] = ["scenario": "join-storm", "clients": clients, "connected": joined["joined"], "failed": joined["failed"],
                                       "durationS": seconds, "join": summary, "failures": failures.all]
            if let rss = BenchOutput.rssMiB(pid: server.serverPid) { line["serverRssMiB"] = rss }
            if let peak = BenchOutput.rssMiB(pid: server.serverPid, peak: true) { line["serverPeakRssMiB"] = peak }
            print(server.jsonLine(line))
        }
        if joined["failed"] > 0 { throw ExitCode(1) }
    }
}

/// `flood`: the Venueless profile. Everyone joins the live room over `ramp` seconds; the few active people send a
/// chat message every `chatEvery` seconds on average (the send time inside), everyone measures the delivery time
/// of every message and pings every 10 s (`--ping-every`).
struct FloodScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flood", abstract: "Many silent listeners, a few talkers, one room.")
    @OptionGroup var server: ServerOptions
    @Option(help: "People in the room.") var clients = 200
    @Option(help: "Seconds over which they join.") var ramp = 5.0
    @Option(help: "Seconds of chat after the ramp.") var duration = 20.0
    @Option(help: "Mean seconds between two messages of an active person.") var chatEvery = 15.0
    @Option(help: "Share of people who never write.") var silent = 0.999
    @Option(help: "Seconds between two pings of one person (the Venueless profile: 10).") var pingEvery = 10.0
    @Option(help: "Seed of the talkers' chat times: two runs with the same seed send at the same moments (random when absent).")
    var seed: UInt64?
    @Option(help: "Another node of the same cluster, where the silent listeners connect (the talkers stay on --url): the deliveries measured are from one node to the other.")
    var listenURL: String?

    func run() async throws {
        let target = try server.target()
        let cluster = try server.cluster()
        if listenURL != nil || cluster.count > 1, server.deflate { throw BenchError("--listen-url and --nodes run on the lean client: leave out --deflate") }
        if listenURL != nil, cluster.count > 1 { throw BenchError("give --listen-url or --nodes, not both") }
        let nodeCount = listenURL == nil ? cluster.count : 2
        let seed = self.seed ?? UInt64.random(in: 0 ... .max)
        let tokens = try await target.register(clients, prefix: "flood")
        let room = try await BenchOutput.liveRoom(target, token: tokens[0])
        let active = max(1, Int((Double(clients) * (1 - silent)).rounded(.up)))
        let delivery = Samples()
        let split = DeliverySplit()
        let tally = Tally()
        let failures = Tally()
        let chatStart = BenchOutput.nowMs() + ramp * 1000
        let end = chatStart + duration * 1000
        let timeline = FloodTimeline(chatStart: chatStart, end: end)
        let started = ContinuousClock.now
        // The CPU both processes spend during the chat (after the ramp): what each delivery costs.
        let serverPid = server.serverPid, nodeCPU = NodeCPU(pids: cluster.pids)
        let cpuDuringChat = Task { () -> (server: CPUTimes?, bench: CPUTimes?, nodes: [Double]) in
            try? await Task.sleep(for: .milliseconds(Int(max(0, chatStart - BenchOutput.nowMs()))))
            let server0 = serverPid.flatMap { BenchOutput.cpuTimes(pid: $0) }, bench0 = BenchOutput.cpuTimes(pid: nil)
            nodeCPU.mark()
            try? await Task.sleep(for: .milliseconds(Int(max(0, end - BenchOutput.nowMs()))))
            let server1 = serverPid.flatMap { BenchOutput.cpuTimes(pid: $0) }, bench1 = BenchOutput.cpuTimes(pid: nil)
            return (server1.flatMap { a in server0.map { a - $0 } }, bench1.flatMap { a in bench0.map { a - $0 } }, nodeCPU.since())
        }
        if server.deflate {
            // The lean client speaks no permessage-deflate: the deflate comparison runs on swift-websocket's client.
            await withTaskGroup(of: Void.self) { group in
                for (index, token) in tokens.enumerated() {
                    let talker = index < active
                    let random = FloodClient.Plan.random(seed: seed, person: index)
                    let delay = ramp * Double(index) / Double(max(1, clients))
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                        do {
                            try await BenchSession.run(target, token: token) { session in
                                let entered = try await session.request("room.enter", ["roomId": room])
                                guard entered["ok"] as? Bool == true else { throw BenchError("room.enter refused") }
                                tally.add("connected")
                                try await Self.talkAndListen(&session, room: room, talker: talker, chatStart: chatStart, end: end,
                                                             meanGap: chatEvery, pingEvery: pingEvery, random: random,
                                                             delivery: delivery, tally: tally)
                            }
                        } catch {
                            tally.add("failed")
                            failures.add(String(describing: error).prefix(80).description)
                        }
                    }
                }
            }
        } else {
            try await lean(tokens: tokens, room: room, active: active, chatStart: chatStart, end: end, seed: seed, started: started,
                           delivery: delivery, split: split, timeline: timeline, tally: tally, failures: failures)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = BenchOutput.seconds(elapsed)
        let summary = delivery.summary()
        let pings = tally["pingSent"], answered = tally["pingAnswered"]
        let rate = pings > 0 ? Double(answered) / Double(pings) : 1
        print("scenario  clients  connected  failed  sent  deliveries  p50(ms)  p95(ms)  p99(ms)  max(ms)  ping ok")
        print(String(format: "flood     %7d  %9d  %6d  %4d  %10d  %7.1f  %7.1f  %7.1f  %7.1f  %6.1f%%", clients, tally["connected"], tally["failed"],
                     tally["sent"], delivery.count, summary["p50"]!, summary["p95"]!, summary["p99"]!, summary["max"]!, rate * 100))
        if nodeCount > 1 {
            for (name, samples) in [("same-node", split.sameNode), ("cross-node", split.crossNode)] {
                let part = samples.summary()
                print("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0)
                      + String(format: "%10d  %7.1f  %7.1f  %7.1f  %7.1f", samples.count, part["p50"]!, part["p95"]!, part["p99"]!, part["max"]!))
            }
        }
        if !failures.all.isEmpty { print("failures by cause: \(failures.all)") }
        if !server.deflate {
            let join = timeline.joins.summary()
            print(String(format: "  join time p50 %.1f ms, p95 %.1f ms, max %.1f ms; %d joined after the chat began", join["p50"]!, join["p95"]!,
                         join["max"]!, timeline.lateJoins))
        }
        if server.json {
            var line: [String: Any] = [
                "scenario": "flood", "clients": clients, "connected": tally["connected"], "failed": tally["failed"], "durationS": seconds,
                "chatDelivery": summary, "ping": ["sent": pings, "answered": answered, "successRate": rate],
                "deliveries": delivery.count, "deliveriesPerS": Double(delivery.count) / max(duration, 0.001), "seed": seed,
            ]
            if let rss = BenchOutput.rssMiB(pid: server.serverPid) { line["serverRssMiB"] = rss }
            if let peak = BenchOutput.rssMiB(pid: server.serverPid, peak: true) { line["serverPeakRssMiB"] = peak }
            if !server.deflate { line["timeline"] = timeline.json() }
            if nodeCount > 1 {
                line["nodes"] = listenURL.map { [cluster.urls[0], $0] } ?? cluster.urls
                line["sameNodeDelivery"] = split.sameNode.summary()
                line["sameNodeDeliveries"] = split.sameNode.count
                line["crossNodeDelivery"] = split.crossNode.summary()
                line["crossNodeDeliveries"] = split.crossNode.count
            }
            if !cluster.pids.isEmpty { line["nodePeakRssMiB"] = cluster.peakRssMiB() }
            let cpu = await cpuDuringChat.value
            // Kernel time apart: on loopback the sender's kernel also does the receiver's TCP work.
            if let times = cpu.server {
                line["serverCpuDuringChatS"] = times.user + times.system
                line["serverKernelCpuDuringChatS"] = times.system
            }
            if !cpu.nodes.isEmpty { line["nodeCpuDuringChatS"] = cpu.nodes }
            if let times = cpu.bench {
                line["benchCpuDuringChatS"] = times.user + times.system
                line["benchKernelCpuDuringChatS"] = times.system
            }
            print(server.jsonLine(line))
        }
        if tally["failed"] > 0 { throw ExitCode(1) }
    }

    /// One lean socket per person (``FloodClient``), connected at its moment of the ramp; returns when all are closed.
    func lean(tokens: [String], room: Int, active: Int, chatStart: Double, end: Double, seed: UInt64,
              started: ContinuousClock.Instant, delivery: Samples, split: DeliverySplit, timeline: FloodTimeline, tally: Tally,
              failures: Tally) async throws {
        // With --listen-url the talkers are on the first node and the listeners on the second; else everyone in turn.
        let cluster = try listenURL.map { try NodeSpread(urls: [server.cluster().urls[0], $0]) } ?? server.cluster()
        var closed: [EventLoopFuture<Void>] = []
        for (index, token) in tokens.enumerated() {
            let talker = index < active
            let plan = FloodClient.Plan(token: token, room: room, talker: talker,
                                        node: listenURL == nil ? cluster.node(of: index) : (talker ? 0 : 1), chatStart: chatStart, end: end,
                                        meanGapMs: chatEvery * 1000, pingEvery: .milliseconds(Int64(pingEvery * 1000)),
                                        random: FloodClient.Plan.random(seed: seed, person: index))
            let due = started + .milliseconds(Int(ramp * 1000 * Double(index) / Double(max(1, clients))))
            if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            let connected = LeanSocket.connect(cluster.targets[plan.node]) {
                FloodClient(plan: plan, delivery: delivery, split: split, timeline: timeline, tally: tally, failures: failures)
            }
            closed.append(connected.flatMap { $0.closeFuture }.recover { error in
                tally.add("failed")
                failures.add(String(describing: error).prefix(80).description)
            })
        }
        for future in closed { try? await future.get() }
    }

    /// A reader (timing chat deliveries, counting answered pings) and a writer (chat for talkers, a ping every
    /// 10 s) run side by side until `end`; then the socket is closed.
    static func talkAndListen(_ session: inout BenchSession, room: Int, talker: Bool, chatStart: Double, end: Double, meanGap: Double,
                              pingEvery: Double, random: SeededRandom, delivery: Samples, tally: Tally) async throws {
        let outbound = session.outbound
        let pings = PingBook()
        let firstID = session.nextID
        let reader = InboundBox(session.inbound)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let marker = TimedText.marker("bench ")
                while let message = try await reader.iterator.next() {
                    guard case .text(let text) = message else { continue }
                    if let (sent, _) = TimedText.sentAt(text, marker: marker) {
                        delivery.add(BenchOutput.nowMs() - sent)
                        continue
                    }
                    guard let frame = BenchSession.parse(text), let re = frame["re"] as? Int else { continue }
                    if pings.answered(re), frame["ok"] as? Bool == true { tally.add("pingAnswered") }
                    if !pings.contains(re), frame["ok"] as? Bool != true { tally.add("chatRefused") }
                }
            }
            group.addTask {
                var nextPing = BenchOutput.nowMs() + pingEvery * 1000
                var random = random
                var nextChat = chatStart + Double.random(in: 0..<(meanGap * 1000), using: &random)
                var id = firstID
                while true {
                    let now = BenchOutput.nowMs()
                    if now >= end { break }
                    if now >= nextPing {
                        pings.sent(id)
                        tally.add("pingSent")
                        try await outbound.write(.text(#"{"id":\#(id),"type":"ping","data":{}}"#))
                        id += 1
                        nextPing = now + pingEvery * 1000
                    }
                    if talker, now >= nextChat {
                        let text = "bench \(BenchOutput.nowMs()) from a talker"
                        try await outbound.write(.text(#"{"id":\#(id),"type":"chat.send","data":{"roomId":\#(room),"text":"\#(text)"}}"#))
                        id += 1
                        tally.add("sent")
                        nextChat = now + Double.random(in: 0..<(2 * meanGap * 1000), using: &random)
                    }
                    let wake = min(nextPing, talker ? nextChat : end, end)
                    try await Task.sleep(for: .milliseconds(Int(max(1, wake - BenchOutput.nowMs()))))
                }
                try? await outbound.close(.normalClosure, reason: nil)
            }
            try await group.next()
            try await group.next()
        }
    }
}

/// The ids of the pings a client sent, to tell their replies from the others.
final class PingBook: @unchecked Sendable {
    private let lock = NSLock()
    private var ids = Set<Int>()
    func sent(_ id: Int) { lock.lock(); ids.insert(id); lock.unlock() }
    func contains(_ id: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return ids.contains(id) }
    /// True once for a ping's reply.
    func answered(_ id: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return ids.remove(id) != nil }
}

/// Hands a socket's inbound iterator to the reader task, its only user from then on.
final class InboundBox: @unchecked Sendable {
    var iterator: WebSocketInboundMessageStream.AsyncIterator
    init(_ iterator: WebSocketInboundMessageStream.AsyncIterator) { self.iterator = iterator }
}

/// `resume`: everyone's connection drops in the middle of a stream of messages; each reconnects with `since` and
/// must end with every message exactly once.
struct ResumeScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Drop everyone mid-stream; nothing lost, nothing doubled.")
    @OptionGroup var server: ServerOptions
    @Option(help: "Listeners.") var clients = 100
    @Option(help: "Messages sent in all.") var messages = 200
    @Option(help: "Messages per second.") var rate = 50.0

    func run() async throws {
        let target = try server.target()
        let tokens = try await target.register(clients + 1, prefix: "resume")
        let room = try await BenchOutput.liveRoom(target, token: tokens[0])
        let acked = SeqBook()
        let everyoneIn = Tally()
        let lost = Tally()
        let catchUp = Samples()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for token in tokens.dropFirst() {
                group.addTask {
                    // First connection: from entering until half the messages are out.
                    let first = try await BenchSession.run(target, token: token) { session in
                        let entered = try await session.request("room.enter", ["roomId": room])
                        let startSeq = entered["data"].flatMap { ($0 as? [String: Any])?["seq"] as? Int } ?? 0
                        everyoneIn.add("in")
                        var seen: [Int] = []
                        while acked.count < messages / 2, !acked.done {
                            guard let message = try await session.inbound.next() else { break }
                            if case .text(let text) = message, let frame = BenchSession.parse(text), frame["type"] as? String == "chat.message",
                               let seq = frame["seq"] as? Int { seen.append(seq) }
                        }
                        return Received(startSeq: startSeq, seqs: seen)
                    }
                    // The drop: reconnect with the last seq seen and read until the last message.
                    let dropped = BenchOutput.nowMs()
                    let since = first.seqs.last ?? first.startSeq
                    let second = try await BenchSession.run(target, token: token) { session in
                        let entered = try await session.request("room.enter", ["roomId": room, "since": since])
                        guard entered["ok"] as? Bool == true else { throw BenchError("resume refused: \(entered)") }
                        var seen: [Int] = []
                        var caughtUp = false
                        var last = since
                        while true {
                            // Read only while a message is owed: the first socket may have seen the last one already,
                            // and the sender may be done.
                            while !acked.done, acked.last <= last { try await Task.sleep(for: .milliseconds(5)) }
                            if acked.last <= last { break }
                            guard let message = try await session.inbound.next() else { break }
                            if case .text(let text) = message, let frame = BenchSession.parse(text), frame["type"] as? String == "chat.message",
                               let seq = frame["seq"] as? Int {
                                seen.append(seq)
                                last = max(last, seq)
                                if !caughtUp, seq >= acked.lastAt(BenchOutput.nowMs()) { caughtUp = true; catchUp.add(BenchOutput.nowMs() - dropped) }
                            }
                        }
                        return Received(startSeq: since, seqs: seen)
                    }
                    let got = first.seqs + second.seqs
                    let expected = acked.all.filter { $0 > first.startSeq }
                    lost.add("lost", expected.subtracting(got).count)
                    lost.add("duplicated", got.count - Set(got).count)
                }
            }
            group.addTask {
                // The sender waits for everyone, then writes at the given rate.
                while everyoneIn["in"] < clients { try await Task.sleep(for: .milliseconds(20)) }
                try await BenchSession.run(target, token: tokens[0]) { session in
                    _ = try await session.request("room.enter", ["roomId": room])
                    for n in 0..<messages {
                        let reply = try await session.request("chat.send", ["roomId": room, "text": "resume \(n)"])
                        guard let seq = (reply["data"] as? [String: Any])?["seq"] as? Int else {
                            acked.finish()
                            throw BenchError("chat.send refused: \(reply["error"] ?? "") (a bench server needs SEMINAR_MESSAGE_RATE high enough)")
                        }
                        acked.add(seq)
                        try await Task.sleep(for: .milliseconds(Int(1000 / rate)))
                    }
                    acked.finish()
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        let seconds = BenchOutput.seconds(elapsed)
        let summary = catchUp.summary()
        print("scenario  clients  messages  lost  duplicated  catch-up p50(ms)  p99(ms)")
        print(String(format: "resume    %7d  %8d  %4d  %10d  %16.1f  %7.1f", clients, acked.count, lost["lost"],
                     lost["duplicated"], summary["p50"]!, summary["p99"]!))
        if server.json {
            var line: [String: Any] = ["scenario": "resume", "clients": clients, "connected": clients, "failed": 0, "durationS": seconds,
                                       "messages": acked.count, "lost": lost["lost"], "duplicated": lost["duplicated"], "catchUp": summary]
            if let rss = BenchOutput.rssMiB(pid: server.serverPid) { line["serverRssMiB"] = rss }
            if let peak = BenchOutput.rssMiB(pid: server.serverPid, peak: true) { line["serverPeakRssMiB"] = peak }
            print(server.jsonLine(line))
        }
        if lost["lost"] > 0 || lost["duplicated"] > 0 { throw ExitCode(1) }
    }

    struct Received: Sendable {
        let startSeq: Int
        let seqs: [Int]
    }
}

/// The seqs the sender had acknowledged, and when.
final class SeqBook: @unchecked Sendable {
    private let lock = NSLock()
    private var seqs: [(seq: Int, at: Double)] = []
    private var finished = false
    func add(_ seq: Int) { lock.lock(); seqs.append((seq, BenchOutput.nowMs())); lock.unlock() }
    func finish() { lock.lock(); finished = true; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return seqs.count }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var last: Int { lock.lock(); defer { lock.unlock() }; return seqs.last?.seq ?? 0 }
    var all: Set<Int> { lock.lock(); defer { lock.unlock() }; return Set(seqs.map(\.seq)) }
    /// Every acknowledgement, in order: its seq and when it came (wall-clock ms).
    var acknowledged: [(seq: Int, at: Double)] { lock.lock(); defer { lock.unlock() }; return seqs }
    /// The last seq acknowledged by `time`.
    func lastAt(_ time: Double) -> Int { lock.lock(); defer { lock.unlock() }; return seqs.last(where: { $0.at <= time })?.seq ?? 0 }
}

/// A one-way gate many tasks wait on.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
