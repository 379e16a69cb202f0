import SeminarCore
import Testing

@Suite("the bilateral scheduler")
struct SchedulerTests {
    /// `bookmarks`: the chance that a slot overlaps a session a person bookmarked (drawn apart, so the other draws
    /// of a seed stay the same).
    static func instance(seed: UInt64, people: Int, slots: Int, tables: Int, maxPerPerson: Int, density: Double,
                         bookmarks: Double = 0) -> Scheduler.Problem {
        var random = SeededRandom(state: seed)
        var marks = SeededRandom(state: seed &+ 0x5EED)
        let persons = (0..<people).map { index in
            var free: UInt64 = 0, bookmarked: UInt64 = 0
            for slot in 0..<slots where Double.random(in: 0..<1, using: &random) < 0.6 { free |= 1 << UInt64(slot) }
            for slot in 0..<slots where bookmarks > 0 && Double.random(in: 0..<1, using: &marks) < bookmarks { bookmarked |= 1 << UInt64(slot) }
            return Scheduler.Person(id: UserID(Int64(index + 1)), free: free, booked: Int.random(in: 0...1, using: &random) == 1 && maxPerPerson > 1 ? 1 : 0,
                                    bookmarked: bookmarked)
        }
        var pairs: [Scheduler.Pair] = []
        for a in 0..<people {
            for b in (a + 1)..<max(a + 1, people) where Double.random(in: 0..<1, using: &random) < density {
                let requested = Double.random(in: 0..<1, using: &random) < 0.1 ? Int.random(in: 1...2, using: &random) : 0
                pairs.append(Scheduler.Pair(a: a, b: b, score: Double(Int.random(in: 1...12, using: &random)) / 2, requested: requested))
            }
        }
        return Scheduler.Problem(people: persons, pairs: pairs, tables: (0..<slots).map { _ in Int.random(in: 1...tables, using: &random) },
                                 maxPerPerson: maxPerPerson)
    }

    /// Every rule of a plan.
    static func check(_ problem: Scheduler.Problem, _ plan: Scheduler.Plan) {
        var seen = Set<[Int]>()
        var perSlot = [Int](repeating: 0, count: problem.tables.count)
        var perPerson = problem.people.map(\.booked)
        var pairsPlaced = Set<[Int]>()
        for placement in plan.placements {
            let pair = placement.pair
            #expect(seen.insert([pair.a, placement.slot]).inserted, "person \(pair.a) double-booked")
            #expect(seen.insert([pair.b, placement.slot]).inserted, "person \(pair.b) double-booked")
            let bit: UInt64 = 1 << UInt64(placement.slot)
            #expect(problem.people[pair.a].free & bit != 0 && problem.people[pair.b].free & bit != 0, "availability broken")
            let marked = (problem.people[pair.a].bookmarked | problem.people[pair.b].bookmarked) & bit != 0
            #expect(placement.clashes == marked, "a clash over a bookmarked session is said, and only then")
            #expect(!placement.clashes || pair.requested > 0, "a suggestion placed over a bookmarked session")
            perSlot[placement.slot] += 1
            perPerson[pair.a] += 1
            perPerson[pair.b] += 1
            #expect(pairsPlaced.insert([pair.a, pair.b]).inserted, "a pair met twice")
        }
        for (slot, used) in perSlot.enumerated() { #expect(used <= problem.tables[slot], "slot \(slot) over its tables") }
        for count in perPerson { #expect(count <= max(problem.maxPerPerson, problem.people.map(\.booked).max() ?? 0)) }
        #expect(plan.total <= plan.upperBound + 1e-9, "total above the bound")
        // Maximal: no pair left out could still be placed (so nobody who could meet is left at zero while
        // others got more).
        var busy = [UInt64](repeating: 0, count: problem.people.count)
        for p in plan.placements {
            busy[p.pair.a] |= 1 << UInt64(p.slot)
            busy[p.pair.b] |= 1 << UInt64(p.slot)
        }
        for pair in problem.pairs where !pairsPlaced.contains([pair.a, pair.b]) {
            guard perPerson[pair.a] < problem.maxPerPerson, perPerson[pair.b] < problem.maxPerPerson else { continue }
            // A suggestion may be left out of the slots over its people's bookmarked sessions.
            let avoided = pair.requested > 0 ? 0 : problem.people[pair.a].bookmarked | problem.people[pair.b].bookmarked
            let common = problem.people[pair.a].free & problem.people[pair.b].free & ~busy[pair.a] & ~busy[pair.b] & ~avoided
            let open = (0..<problem.tables.count).contains { common & (1 << UInt64($0)) != 0 && perSlot[$0] < problem.tables[$0] }
            #expect(!open, "pair \(pair.a)-\(pair.b) could still have been placed")
        }
    }

    @Test("invariants on many random instances", arguments: Array(UInt64(1)...60))
    func invariants(seed: UInt64) {
        let problem = Self.instance(seed: seed, people: Int(seed % 40) + 4, slots: Int(seed % 6) + 2, tables: 4,
                                    maxPerPerson: Int(seed % 4) + 1, density: 0.3)
        Self.check(problem, Scheduler.plan(problem))
    }

    @Test("plans keep every rule with bookmarked sessions in the way", arguments: Array(UInt64(200)...260))
    func invariantsWithBookmarks(seed: UInt64) {
        let problem = Self.instance(seed: seed, people: Int(seed % 30) + 4, slots: Int(seed % 6) + 2, tables: 4,
                                    maxPerPerson: Int(seed % 4) + 1, density: 0.4, bookmarks: 0.3)
        Self.check(problem, Scheduler.plan(problem))
    }

    @Test("a meeting avoids a slot over a session one of the two bookmarked")
    func avoidsBookmarkedSessions() {
        // Both free in slots 0 and 1 (slot 0 has more tables, so it would be chosen); Ana bookmarked a session in slot 0.
        let people = [Scheduler.Person(id: UserID(1), free: 0b11, bookmarked: 0b01), Scheduler.Person(id: UserID(2), free: 0b11)]
        let plan = Scheduler.plan(Scheduler.Problem(people: people, pairs: [Scheduler.Pair(a: 0, b: 1, score: 3)], tables: [9, 1], maxPerPerson: 2))
        #expect(plan.placements == [Scheduler.Placement(pair: Scheduler.Pair(a: 0, b: 1, score: 3), slot: 1)])
        #expect(plan.clashes.isEmpty)
    }

    @Test("a suggestion with only a clashing slot is left out; a request is booked there and the plan says so")
    func clashesOnlyForRequestsAndSaid() {
        let people = [Scheduler.Person(id: UserID(1), free: 0b1), Scheduler.Person(id: UserID(2), free: 0b1, bookmarked: 0b1)]
        let suggestion = Scheduler.plan(Scheduler.Problem(people: people, pairs: [Scheduler.Pair(a: 0, b: 1, score: 5)], tables: [4], maxPerPerson: 2))
        #expect(suggestion.placements.isEmpty && suggestion.unmet.isEmpty)
        let request = Scheduler.plan(Scheduler.Problem(people: people, pairs: [Scheduler.Pair(a: 0, b: 1, score: 5, requested: 1)], tables: [4], maxPerPerson: 2))
        #expect(request.placements.map(\.slot) == [0])
        #expect(request.clashes.count == 1 && request.clashes[0].clashes)
        #expect(request.unmet.isEmpty)
    }

    @Test("a request takes a clashing slot only after the clear slots went to meetings that clash with nothing")
    func clearSlotsFirstForEveryone() {
        // One table per slot. Ana (0) bookmarked sessions over both slots, so her requested meeting with Ben (1) clashes
        // wherever it goes; Chloé (2) bookmarked one over slot 1, so her meeting with Dan (3) fits only in slot 0.
        let people = [Scheduler.Person(id: UserID(1), free: 0b11, bookmarked: 0b11), Scheduler.Person(id: UserID(2), free: 0b11),
                      Scheduler.Person(id: UserID(3), free: 0b11, bookmarked: 0b10), Scheduler.Person(id: UserID(4), free: 0b11)]
        let pairs = [Scheduler.Pair(a: 0, b: 1, score: 1, requested: 2), Scheduler.Pair(a: 2, b: 3, score: 4)]
        let plan = Scheduler.plan(Scheduler.Problem(people: people, pairs: pairs, tables: [1, 1], maxPerPerson: 2))
        #expect(Set(plan.placements.map { [$0.pair.a, $0.slot] }) == [[2, 0], [0, 1]])
        #expect(plan.clashes.map(\.pair.a) == [0])
    }

    @Test("fairness: everyone who can meet gets a meeting before anyone gets a third")
    func fairness() {
        // A star: 0 scores high with everyone, but 1…4 score only with 0 and with each other a little.
        let people = (0..<5).map { Scheduler.Person(id: UserID(Int64($0 + 1)), free: 0b11) }
        let pairs = [Scheduler.Pair(a: 0, b: 1, score: 10), Scheduler.Pair(a: 0, b: 2, score: 9), Scheduler.Pair(a: 3, b: 4, score: 1),
                     Scheduler.Pair(a: 1, b: 2, score: 1)]
        let plan = Scheduler.plan(Scheduler.Problem(people: people, pairs: pairs, tables: [5, 5], maxPerPerson: 3))
        let met = Set(plan.placements.flatMap { [$0.pair.a, $0.pair.b] })
        #expect(met == [0, 1, 2, 3, 4])
    }

    @Test("requests go first, mutual before one-way; unmet requests say why")
    func requestsFirst() {
        let people = (0..<3).map { Scheduler.Person(id: UserID(Int64($0 + 1)), free: 0b1) }
        let pairs = [Scheduler.Pair(a: 0, b: 1, score: 9), Scheduler.Pair(a: 0, b: 2, score: 1, requested: 2), Scheduler.Pair(a: 1, b: 2, score: 1, requested: 1)]
        let plan = Scheduler.plan(Scheduler.Problem(people: people, pairs: pairs, tables: [1], maxPerPerson: 1))
        #expect(plan.placements.map { [$0.pair.a, $0.pair.b] } == [[0, 2]])
        #expect(plan.unmet.count == 1 && plan.unmet[0].reason == .personFull)
    }

    @Test("each unmet request has a stable code with its English sentence")
    func unmetCodes() {
        func unmet(free: [UInt64], pairs: [Scheduler.Pair], tables: [Int], maxPerPerson: Int) -> [Scheduler.UnmetReason] {
            let people = free.enumerated().map { Scheduler.Person(id: UserID(Int64($0.offset + 1)), free: $0.element) }
            return Scheduler.plan(Scheduler.Problem(people: people, pairs: pairs, tables: tables, maxPerPerson: maxPerPerson)).unmet.map(\.reason)
        }
        // Never free at the same time.
        #expect(unmet(free: [0b01, 0b10], pairs: [Scheduler.Pair(a: 0, b: 1, score: 1, requested: 1)], tables: [5, 5], maxPerPerson: 2) == [.noCommonSlot])
        // Person 0 has their one meeting already.
        #expect(unmet(free: [0b11, 0b11, 0b11], pairs: [Scheduler.Pair(a: 0, b: 1, score: 2, requested: 2), Scheduler.Pair(a: 0, b: 2, score: 1, requested: 1)],
                      tables: [5, 5], maxPerPerson: 1) == [.personFull])
        // Their one shared slot holds person 0's other meeting.
        #expect(unmet(free: [0b1, 0b1, 0b1], pairs: [Scheduler.Pair(a: 0, b: 1, score: 2, requested: 2), Scheduler.Pair(a: 0, b: 2, score: 1, requested: 1)],
                      tables: [5], maxPerPerson: 2) == [.slotsTaken])
        // One table, taken by the other pair.
        #expect(unmet(free: [0b1, 0b1, 0b1, 0b1], pairs: [Scheduler.Pair(a: 0, b: 1, score: 2, requested: 2), Scheduler.Pair(a: 2, b: 3, score: 1, requested: 1)],
                      tables: [1], maxPerPerson: 2) == [.noTable])
        #expect(Scheduler.UnmetReason.allCases.map(\.rawValue) == ["no_common_slot", "person_full", "slots_taken", "no_table"])
        #expect(Scheduler.UnmetReason.personFull.text == "the limit of meetings per person is reached")
    }

    /// The best total by trying every assignment (tiny instances only).
    static func exhaustive(_ problem: Scheduler.Problem) -> Double {
        let slots = problem.tables.count
        var best = 0.0
        func search(_ index: Int, _ busy: [UInt64], _ count: [Int], _ tables: [Int], _ total: Double) {
            if index == problem.pairs.count { best = max(best, total); return }
            search(index + 1, busy, count, tables, total)
            let pair = problem.pairs[index]
            guard count[pair.a] < problem.maxPerPerson, count[pair.b] < problem.maxPerPerson else { return }
            for slot in 0..<slots where tables[slot] > 0 {
                let bit: UInt64 = 1 << UInt64(slot)
                guard problem.people[pair.a].free & problem.people[pair.b].free & bit != 0, (busy[pair.a] | busy[pair.b]) & bit == 0 else { continue }
                var b = busy, c = count, t = tables
                b[pair.a] |= bit; b[pair.b] |= bit; c[pair.a] += 1; c[pair.b] += 1; t[slot] -= 1
                search(index + 1, b, c, t, total + pair.score)
            }
        }
        search(0, [UInt64](repeating: 0, count: problem.people.count), problem.people.map(\.booked), problem.tables, 0)
        return best
    }

    @Test("the bound is never below the best plan (checked by exhaustive search)", arguments: Array(UInt64(100)...140))
    func boundIsTrue(seed: UInt64) {
        let problem = Self.instance(seed: seed, people: 5, slots: 2, tables: 2, maxPerPerson: 2, density: 0.6)
        let best = Self.exhaustive(problem)
        let plan = Scheduler.plan(problem)
        #expect(Scheduler.upperBound(problem) >= best - 1e-9)
        #expect(plan.total <= best + 1e-9)
    }
}

@Suite("scheduler input")
struct SchedulerInputTests {
    @Test("pair scores equal Matchmaking's for every pair")
    func sameScores() {
        var random = SeededRandom(state: 7)
        let tags = ["climate", "housing", "culture", "mobility", "finance", "health"]
        let profiles = (0..<30).map { _ -> Profile in
            var p = Profile()
            p.interests = tags.filter { _ in Bool.random(using: &random) }
            p.offers = tags.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            p.seeks = tags.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            p.languages = ["fr", "en", "es"].filter { _ in Bool.random(using: &random) }
            p.region = Region.allCases.randomElement(using: &random)
            p.acceptsMeetings = Int.random(in: 0..<10, using: &random) > 0
            return p
        }
        let pairs = SchedulerInput.pairs(profiles)
        var expected: [[Int]: Double] = [:]
        for a in 0..<profiles.count {
            for b in (a + 1)..<profiles.count {
                if let (score, _) = Matchmaking.score(profiles[a], profiles[b]), profiles[a].acceptsMeetings, score > 0 { expected[[a, b]] = score }
            }
        }
        #expect(Dictionary(uniqueKeysWithValues: pairs.map { ([$0.a, $0.b], $0.score) }) == expected)
    }
}

@Suite("bookmarked sessions in the way of meetings")
struct BookmarkClashTests {
    let slots = [MeetingSlot(id: SlotID(10), startsAt: Timestamp(seconds: 1_000), endsAt: Timestamp(seconds: 2_000), tables: 3),
                 MeetingSlot(id: SlotID(11), startsAt: Timestamp(seconds: 2_000), endsAt: Timestamp(seconds: 3_000), tables: 3),
                 MeetingSlot(id: SlotID(12), startsAt: Timestamp(seconds: 5_000), endsAt: Timestamp(seconds: 6_000), tables: 3)]

    @Test func aSlotClashesWithASessionItShareTimeWith() {
        let session = BookmarkClash.Session(id: SessionID(1), startsAt: Timestamp(seconds: 1_500), endsAt: Timestamp(seconds: 2_000))
        #expect(BookmarkClash.overlaps(slots[0], session))
        #expect(!BookmarkClash.overlaps(slots[1], session), "ending as the slot starts is no clash")
        #expect(BookmarkClash.mask(slots: slots, sessions: [session]) == 0b001)
    }

    @Test func aLongSessionCoversSeveralSlotsAndNoneMeansNoClash() {
        let plenary = BookmarkClash.Session(id: SessionID(2), startsAt: Timestamp(seconds: 500), endsAt: Timestamp(seconds: 2_500))
        #expect(BookmarkClash.mask(slots: slots, sessions: [plenary]) == 0b011)
        #expect(BookmarkClash.mask(slots: slots, sessions: []) == 0)
        #expect(BookmarkClash.clashing(slots[1], [plenary]) == [plenary])
        #expect(BookmarkClash.clashing(slots[2], [plenary]).isEmpty)
    }
}
