/// The figures of a `failover` run, from what each person ended with.
struct FailoverReport: Equatable {
    /// People on the victim when it was killed, and of them those back in the room on a survivor.
    var onVictim = 0
    var resumed = 0
    /// Seconds from the kill until the last of the victim's people was back.
    var allBackS = 0.0
    /// Over everyone: acknowledged messages never received, and deliveries beyond the first.
    var lost = 0
    var duplicated = 0
    var peopleWithLoss = 0

    init(_ outcomes: [FailoverPerson.Outcome], acknowledged: [(seq: Int, at: Double)], killedAt: Double) {
        let seqs = acknowledged.map(\.seq)
        var lastBack = killedAt
        for outcome in outcomes {
            if outcome.onVictim {
                onVictim += 1
                if let back = outcome.resumedAt {
                    resumed += 1
                    lastBack = max(lastBack, back)
                }
            }
            guard let ledger = outcome.ledger else { continue }
            let missing = ledger.lost(of: seqs)
            lost += missing
            duplicated += ledger.duplicated
            if missing > 0 { peopleWithLoss += 1 }
        }
        allBackS = (lastBack - killedAt) / 1000
    }
}
