import Testing
@testable import seminar_bench

@Suite struct FailoverReportTests {
    func ledger(base: Int, _ seqs: [Int]) -> SeqLedger {
        var ledger = SeqLedger(base: base)
        seqs.forEach { ledger.add($0) }
        return ledger
    }

    @Test func theLastOfTheVictimsPeopleBackIsTheFailoverTime() {
        let acked: [(seq: Int, at: Double)] = [(1, 100), (2, 200), (3, 1_200)]
        let outcomes = [
            FailoverPerson.Outcome(ledger: ledger(base: 0, [1, 2, 3]), live: true, onVictim: true, resumedAt: 1_800),
            FailoverPerson.Outcome(ledger: ledger(base: 0, [1, 2, 3]), live: true, onVictim: true, resumedAt: 4_000),
            FailoverPerson.Outcome(ledger: ledger(base: 0, [1, 2, 3]), live: true, onVictim: false, resumedAt: nil),
        ]
        let report = FailoverReport(outcomes, acknowledged: acked, killedAt: 1_000)
        #expect(report.onVictim == 2)
        #expect(report.resumed == 2)
        #expect(report.allBackS == 3)
        #expect(report.lost == 0)
        #expect(report.duplicated == 0)
    }

    @Test func lossesAndDuplicatesAreCountedPerPerson() {
        let acked: [(seq: Int, at: Double)] = [(1, 100), (2, 200), (3, 300)]
        let outcomes = [
            FailoverPerson.Outcome(ledger: ledger(base: 0, [1, 3]), live: true, onVictim: true, resumedAt: nil),
            FailoverPerson.Outcome(ledger: ledger(base: 0, [1, 2, 2, 3]), live: true, onVictim: false, resumedAt: nil),
            FailoverPerson.Outcome(ledger: ledger(base: 2, [3]), live: true, onVictim: false, resumedAt: nil),
            FailoverPerson.Outcome(ledger: nil, live: false, onVictim: false, resumedAt: nil),
        ]
        let report = FailoverReport(outcomes, acknowledged: acked, killedAt: 150)
        #expect(report.onVictim == 1)
        #expect(report.resumed == 0)
        #expect(report.lost == 1)
        #expect(report.duplicated == 1)
        #expect(report.peopleWithLoss == 1)
    }
}
