/// The organiser's bulk plan of bilateral meetings: assigns pairs to slots and tables to maximise the total
/// match score, beyond first come, first served.
///
/// Rules: no one double-booked; only slots both people marked available; at most `tables` meetings per slot;
/// at most `maxPerPerson` meetings each (existing bookings count); requests first (mutual ones before one-way
/// ones); and fairness — everyone who can be matched gets a meeting before anyone gets a third (rounds with a
/// rising cap, each serving first the pairs of people who have none yet). A slot that overlaps a session one of the
/// two bookmarked is avoided: a suggestion is never put there, a request only when the two have no other slot left
/// (after everything else is placed), and the plan says so (`Placement.clashes`).
public enum Scheduler {
    public struct Person: Sendable, Equatable {
        public let id: UserID
        /// Bit `i` set: available in slot `i` (and not already booked there).
        public let free: UInt64
        /// Meetings already booked (they count against `maxPerPerson`).
        public let booked: Int
        /// Bit `i` set: slot `i` overlaps a session this person bookmarked (see `BookmarkClash`).
        public let bookmarked: UInt64

        public init(id: UserID, free: UInt64, booked: Int = 0, bookmarked: UInt64 = 0) {
            self.id = id
            self.free = free
            self.booked = booked
            self.bookmarked = bookmarked
        }
    }

    public struct Pair: Sendable, Equatable {
        public let a: Int
        public let b: Int
        public let score: Double
        /// 2: both asked each other; 1: one asked; 0: a suggestion.
        public let requested: Int

        public init(a: Int, b: Int, score: Double, requested: Int = 0) {
            self.a = min(a, b)
            self.b = max(a, b)
            self.score = score
            self.requested = requested
        }
    }

    public struct Problem: Sendable {
        public let people: [Person]
        public let pairs: [Pair]
        /// Free tables per slot (index = slot bit).
        public let tables: [Int]
        public let maxPerPerson: Int

        public init(people: [Person], pairs: [Pair], tables: [Int], maxPerPerson: Int) {
            self.people = people
            self.pairs = pairs
            self.tables = tables
            self.maxPerPerson = maxPerPerson
        }
    }

    public struct Placement: Sendable, Equatable {
        public let pair: Pair
        public let slot: Int
        /// The slot overlaps a session one of the two bookmarked: no other slot was left for this request.
        public let clashes: Bool

        public init(pair: Pair, slot: Int, clashes: Bool = false) {
            self.pair = pair
            self.slot = slot
            self.clashes = clashes
        }
    }

    /// Why a requested pair was left out; the raw value is the wire's stable `code`.
    public enum UnmetReason: String, Sendable, Equatable, CaseIterable {
        /// The two never marked the same slot available.
        case noCommonSlot = "no_common_slot"
        /// One of them has `maxPerPerson` meetings already.
        case personFull = "person_full"
        /// Every slot they share holds another meeting of one of them.
        case slotsTaken = "slots_taken"
        /// Their shared free slots have no table left.
        case noTable = "no_table"

        /// The English sentence (the wire's `reason`, kept for older clients).
        public var text: String {
            switch self {
            case .noCommonSlot: "no slot both marked available"
            case .personFull: "the limit of meetings per person is reached"
            case .slotsTaken: "their common slots are all taken by other meetings"
            case .noTable: "no table is left in their common slots"
            }
        }
    }

    public struct Plan: Sendable {
        public let placements: [Placement]
        public let total: Double
        public let upperBound: Double
        /// Requested pairs left out, with why.
        public let unmet: [(pair: Pair, reason: UnmetReason)]

        /// The meetings placed over a session one of their two people bookmarked.
        public var clashes: [Placement] { placements.filter(\.clashes) }
    }

    /// Computes a plan. The request weights guarantee requests go first without distorting the reported scores.
    public static func plan(_ problem: Problem) -> Plan {
        let n = problem.people.count
        var busy = [UInt64](repeating: 0, count: n)
        var count = problem.people.map(\.booked)
        var tables = problem.tables
        var tableMask: UInt64 = 0
        for (slot, free) in tables.enumerated() where free > 0 && slot < 64 { tableMask |= 1 << UInt64(slot) }
        let ordered = problem.pairs.enumerated().sorted { lhs, rhs in
            let l = lhs.element, r = rhs.element
            if l.requested != r.requested { return l.requested > r.requested }
            if l.score != r.score { return l.score > r.score }
            return lhs.offset < rhs.offset
        }.map(\.element)
        var placed = [Bool](repeating: false, count: ordered.count)
        var placements: [Placement] = []

        func place(_ index: Int, cap: Int, overBookmarks: Bool = false) {
            let pair = ordered[index]
            guard count[pair.a] < cap, count[pair.b] < cap else { return }
            let common = problem.people[pair.a].free & problem.people[pair.b].free & ~busy[pair.a] & ~busy[pair.b] & tableMask
            let clear = common & ~problem.people[pair.a].bookmarked & ~problem.people[pair.b].bookmarked
            let usable = clear != 0 ? clear : overBookmarks ? common : 0
            guard usable != 0 else { return }
            let slot = bestSlot(usable, tables: tables)
            placed[index] = true
            placements.append(Placement(pair: pair, slot: slot, clashes: clear == 0))
            let bit: UInt64 = 1 << UInt64(slot)
            busy[pair.a] |= bit
            busy[pair.b] |= bit
            count[pair.a] += 1
            count[pair.b] += 1
            tables[slot] -= 1
            if tables[slot] == 0 { tableMask &= ~bit }
        }
        // Rounds with a rising cap (2, 3, … maxPerPerson); each round first serves pairs with someone who has no
        // meeting yet, so nobody who can be matched is left out while others get a third.
        let caps = problem.maxPerPerson <= 2 ? [max(problem.maxPerPerson, 1)] : Array(2...problem.maxPerPerson)
        for cap in caps {
            for index in ordered.indices where !placed[index] && (count[ordered[index].a] == 0 || count[ordered[index].b] == 0) {
                place(index, cap: cap)
            }
            for index in ordered.indices where !placed[index] { place(index, cap: cap) }
        }
        // Last, a request that found no slot clear of both people's bookmarked sessions takes one that is not.
        for index in ordered.indices where !placed[index] && ordered[index].requested > 0 {
            place(index, cap: caps.last ?? 1, overBookmarks: true)
        }
        var unmet: [(Pair, UnmetReason)] = []
        for (index, pair) in ordered.enumerated() where pair.requested > 0 && !placed[index] {
            let common = problem.people[pair.a].free & problem.people[pair.b].free
            let reason: UnmetReason
            if common == 0 { reason = .noCommonSlot }
            else if count[pair.a] >= problem.maxPerPerson || count[pair.b] >= problem.maxPerPerson { reason = .personFull }
            else if common & ~busy[pair.a] & ~busy[pair.b] == 0 { reason = .slotsTaken }
            else { reason = .noTable }
            unmet.append((pair, reason))
        }
        let total = placements.reduce(0) { $0 + $1.pair.score }
        return Plan(placements: placements, total: total, upperBound: upperBound(problem, lowerBound: total), unmet: unmet)
    }

    /// Among the slots both people have free, the one with the most tables left (keeps slots balanced).
    static func bestSlot(_ mask: UInt64, tables: [Int]) -> Int {
        var best = -1
        var bits = mask
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            if best < 0 || tables[slot] > tables[best] { best = slot }
            bits &= bits - 1
        }
        return best
    }

    /// A true upper bound on the total of any plan: the least of two relaxations that drop the slot structure.
    ///
    /// 1. Seat pricing. For any price λ ≥ 0 per meeting, with S the number of seats (Σ tables) and c_p =
    ///    min(maxPerPerson − booked, free slots) the meetings person p can still have:
    ///        total ≤ ½ Σ_p (sum of p's c_p best values of max(0, w − λ)) + λ·S,
    ///    least over λ (a convex piecewise-linear function: its kinks are the scores).
    /// 2. The dual of the fractional b-matching LP (max Σ w·x with Σ_{e∋p} x_e ≤ c_p, Σ x ≤ S, 0 ≤ x ≤ 1): for any
    ///    prices μ_p ≥ 0 per person and λ ≥ 0 per seat,
    ///        total ≤ λ·S + Σ_p c_p·μ_p + Σ_e max(0, w_e − μ_a − μ_b − λ)
    ///    (weak duality: any prices give a bound). The prices start from relaxation 1 and are improved by a fixed
    ///    number of projected subgradient steps (Polyak steps towards `lowerBound`, e.g. a plan's total), so the
    ///    result is deterministic. The optimum is never above the returned value.
    public static func upperBound(_ problem: Problem, lowerBound: Double = 0, iterations: Int = 120) -> Double {
        let n = problem.people.count
        let capacity = problem.people.map { max(0, min(problem.maxPerPerson - $0.booked, $0.free.nonzeroBitCount)) }
        // The pairs that can meet at all: a positive score, a common free slot, room left for both.
        var ea: [Int32] = [], eb: [Int32] = [], ew: [Double] = []
        var incident = [[Double]](repeating: [], count: n)
        for pair in problem.pairs where pair.score > 0 && capacity[pair.a] > 0 && capacity[pair.b] > 0
            && problem.people[pair.a].free & problem.people[pair.b].free != 0 {
            ea.append(Int32(pair.a))
            eb.append(Int32(pair.b))
            ew.append(pair.score)
            incident[pair.a].append(pair.score)
            incident[pair.b].append(pair.score)
        }
        guard !ew.isEmpty else { return 0 }
        let seats = Double(problem.tables.reduce(0) { $0 + max(0, $1) })

        // 1. Seat pricing.
        var tops: [[Double]] = []
        var prices = Set<Double>([0])
        for index in 0..<n where capacity[index] > 0 && !incident[index].isEmpty {
            incident[index].sort(by: >)
            let top = Array(incident[index].prefix(capacity[index]))
            tops.append(top)
            prices.formUnion(top)
        }
        var best = Double.infinity
        var bestPrice = 0.0
        for price in prices {
            var value = price * seats
            for top in tops {
                for w in top where w > price { value += (w - price) / 2 }
            }
            if value < best { best = value; bestPrice = price }
        }

        // 2. Person prices: start at half of each person's c_p-th best value above the seat price.
        var lambda = bestPrice
        var mu = (0..<n).map { index -> Double in
            guard capacity[index] > 0, incident[index].count >= capacity[index] else { return 0 }
            return max(0, incident[index][capacity[index] - 1] - lambda) / 2
        }
        let caps = capacity.map(Double.init)
        var degree = [Int](repeating: 0, count: n)
        var theta = 1.0
        var sinceImproved = 0
        for _ in 0..<iterations {
            for index in 0..<n { degree[index] = 0 }
            var value = lambda * seats
            var positive = 0
            for e in 0..<ew.count {
                let a = Int(ea[e]), b = Int(eb[e])
                let slack = ew[e] - mu[a] - mu[b] - lambda
                if slack > 0 {
                    value += slack
                    degree[a] += 1
                    degree[b] += 1
                    positive += 1
                }
            }
            for index in 0..<n { value += caps[index] * mu[index] }
            if value < best - 1e-9 { best = value; sinceImproved = 0 } else {
                sinceImproved += 1
                if sinceImproved >= 5 { theta /= 2; sinceImproved = 0 }
            }
            // The subgradient, projected on the prices that are at 0 and would go negative.
            var norm = 0.0
            var g = [Double](repeating: 0, count: n)
            for index in 0..<n {
                let gi = caps[index] - Double(degree[index])
                if mu[index] > 0 || gi < 0 { g[index] = gi; norm += gi * gi }
            }
            var gl = seats - Double(positive)
            if lambda <= 0 && gl > 0 { gl = 0 }
            norm += gl * gl
            guard norm > 0 else { break }  // a fixed point: the bound is exact for this relaxation
            let step = theta * max(value - lowerBound, 1e-9 * max(1, value)) / norm
            for index in 0..<n where g[index] != 0 { mu[index] = max(0, mu[index] - step * g[index]) }
            lambda = max(0, lambda - step * gl)
        }
        return best.isFinite ? best : 0
    }
}

extension Scheduler {
    /// The slots a bulk plan covers: 1 to 64 (a person's free slots are one 64-bit mask).
    public static func checkSlotCount(_ count: Int) throws(DomainError) {
        guard (1...64).contains(count) else { throw .invalid("slots", "choose 1 to 64 slots") }
    }
}
