import ArgumentParser
import Foundation
import SeminarCore

/// The load generator and benchmarks. `flood`, `join-storm`, `resume`, `broadcast-capacity`, `failover` and `hot-room`
/// drive a running server, or several nodes of a cluster, over the protocol; `baseline-server` is the bare stack they can be pointed at instead; `scheduler` runs the
/// bilateral scheduler in process, and `search` the knowledge hub's search through its own `seminar serve` (seeded with the CLI).
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seminar-bench", abstract: "Benchmarks of the seminar.",
        subcommands: [FloodScenario.self, JoinStormScenario.self, ResumeScenario.self, BroadcastCapacityScenario.self,
                      FailoverScenario.self, HotRoomScenario.self,
                      BaselineServerCommand.self, SchedulerScenario.self, SearchScenario.self])
}

struct SchedulerScenario: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scheduler", abstract: "The organiser's bulk plan on a generated instance.")

    @Option(help: "People who opted in.") var people = 2_000
    @Option(help: "Slots in the grid (at most 64).") var slots = 16
    @Option(help: "Tables per slot.") var tables = 150
    @Option(help: "Meetings per person at most.") var maxPerPerson = 6
    @Option(help: "Random seed of the instance.") var seed: UInt64 = 42
    @Flag(help: "Print one JSON line last.") var json = false

    func run() throws {
        guard (1...64).contains(slots) else { throw ValidationError("--slots must be 1 to 64") }
        var random = SeededRandom(state: seed)
        let tags = ["climate", "housing", "culture", "mobility", "finance", "gender-equality", "migration", "health", "decentralised-cooperation"]
        let profiles = (0..<people).map { _ -> Profile in
            var p = Profile()
            p.interests = Array(tags.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)))
            p.offers = Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
            p.seeks = Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
            p.languages = [("en", 0.7), ("fr", 0.4), ("es", 0.3)].filter { Double.random(in: 0..<1, using: &random) < $0.1 }.map(\.0)
            if p.languages.isEmpty { p.languages = ["en"] }
            p.region = Region.allCases.randomElement(using: &random)
            return p
        }
        let persons = (0..<people).map { index -> Scheduler.Person in
            var free: UInt64 = 0
            for slot in 0..<slots where Double.random(in: 0..<1, using: &random) < 0.6 { free |= 1 << UInt64(slot) }
            return Scheduler.Person(id: UserID(Int64(index + 1)), free: free)
        }

        let clock = ContinuousClock()
        let start = clock.now
        let pairs = SchedulerInput.pairs(profiles)
        let scored = clock.now
        let problem = Scheduler.Problem(people: persons, pairs: pairs, tables: Array(repeating: tables, count: slots), maxPerPerson: maxPerPerson)
        let plan = Scheduler.plan(problem)
        let end = clock.now
        let fcfs = firstComeFirstServed(problem, random: &random)

        let seconds = BenchOutput.seconds
        let total = seconds(end - start)
        let ratio = plan.upperBound > 0 ? plan.total / plan.upperBound : 1
        let fcfsRatio = plan.upperBound > 0 ? fcfs / plan.upperBound : 1
        let met = Set(plan.placements.flatMap { [$0.pair.a, $0.pair.b] }).count
        print("scenario   people  slots  tables  max  pairs      meetings  time(s)  scoring(s)  total      bound      %bound  fcfs%bound  people met")
        print(String(format: "scheduler  %6d  %5d  %6d  %3d  %9d  %8d  %7.3f  %10.3f  %9.1f  %9.1f  %6.1f  %10.1f  %d",
                     people, slots, tables, maxPerPerson, pairs.count, plan.placements.count, total, seconds(scored - start),
                     plan.total, plan.upperBound, ratio * 100, fcfsRatio * 100, met))
        if json {
            let line: [String: Any] = [
                "scenario": "scheduler", "people": people, "slots": slots, "tables": tables, "maxPerPerson": maxPerPerson,
                "pairs": pairs.count, "meetings": plan.placements.count, "durationS": total, "total": plan.total,
                "upperBound": plan.upperBound, "percentOfBound": ratio * 100, "fcfsTotal": fcfs, "fcfsPercentOfBound": fcfsRatio * 100,
                "peopleMet": met,
            ]
            print(BenchOutput.jsonLine(line))
        }
    }

    /// What first-come-first-served booking reaches (b2match, Swapcard): requests arrive in random order, each
    /// person asks their best partners, and a request is booked in the first common free slot with a table.
    func firstComeFirstServed(_ problem: Scheduler.Problem, random: inout SeededRandom) -> Double {
        var busy = [UInt64](repeating: 0, count: problem.people.count)
        var count = [Int](repeating: 0, count: problem.people.count)
        var tables = problem.tables
        var total = 0.0
        for pair in problem.pairs.shuffled(using: &random) {
            guard count[pair.a] < problem.maxPerPerson, count[pair.b] < problem.maxPerPerson else { continue }
            let common = problem.people[pair.a].free & problem.people[pair.b].free & ~busy[pair.a] & ~busy[pair.b]
            guard let slot = (0..<tables.count).first(where: { common & (1 << UInt64($0)) != 0 && tables[$0] > 0 }) else { continue }
            busy[pair.a] |= 1 << UInt64(slot)
            busy[pair.b] |= 1 << UInt64(slot)
            count[pair.a] += 1
            count[pair.b] += 1
            tables[slot] -= 1
            total += pair.score
        }
        return total
    }
}
