/// Turns profiles into the scheduler's scored pairs quickly: tags and languages become bit masks, so a
/// pair's score is a few population counts (millions of pairs a second).
public enum SchedulerInput {
    struct Compact {
        let interests: UInt64
        let offers: UInt64
        let seeks: UInt64
        let languages: UInt64
        let region: Int
        let accepts: Bool
    }

    /// All pairs with a positive score that Matchmaking would suggest (same rules, same weights).
    public static func pairs(_ profiles: [Profile], excluded: Set<[Int]> = []) -> [Scheduler.Pair] {
        var tagBits: [String: UInt64] = [:]
        var languageBits: [String: UInt64] = [:]
        func mask(_ values: [String], _ table: inout [String: UInt64]) -> UInt64 {
            var result: UInt64 = 0
            for value in values {
                if table[value] == nil, table.count < 64 { table[value] = 1 << UInt64(table.count) }
                result |= table[value] ?? 0
            }
            return result
        }
        let compact = profiles.map { p in
            Compact(interests: mask(p.interests, &tagBits), offers: mask(p.offers, &tagBits), seeks: mask(p.seeks, &tagBits),
                    languages: mask(p.languages, &languageBits), region: p.region.map { Region.allCases.firstIndex(of: $0) ?? -1 } ?? -1,
                    accepts: p.acceptsMeetings)
        }
        var pairs: [Scheduler.Pair] = []
        for a in 0..<compact.count where compact[a].accepts {
            let x = compact[a]
            for b in (a + 1)..<compact.count {
                let y = compact[b]
                guard y.accepts, x.languages & y.languages != 0 else { continue }
                var score = Double((x.interests & y.interests).nonzeroBitCount) * Matchmaking.sharedInterest
                score += Double((x.offers & y.seeks).nonzeroBitCount + (y.offers & x.seeks).nonzeroBitCount) * Matchmaking.offerMeetsSeek
                if x.region >= 0, y.region >= 0, x.region != y.region { score += Matchmaking.otherRegion }
                guard score > 0 else { continue }
                if !excluded.isEmpty, excluded.contains([a, b]) { continue }
                pairs.append(Scheduler.Pair(a: a, b: b, score: score))
            }
        }
        return pairs
    }
}
