import Testing
@testable import seminar_bench

@Suite struct SeqLedgerTests {
    @Test func everyMessageOnceIsNothingLostNothingDoubled() {
        var ledger = SeqLedger(base: 10)
        for seq in 11...20 { ledger.add(seq) }
        #expect(ledger.lost(of: Array(11...20)) == 0)
        #expect(ledger.duplicated == 0)
    }

    @Test func aMessageMissedIsLostOnlyWhenAcknowledged() {
        var ledger = SeqLedger(base: 10)
        for seq in [11, 12, 14, 16] { ledger.add(seq) }
        // 13 and 15 were acknowledged, never delivered; 17 was never acknowledged (no one owes it).
        #expect(ledger.lost(of: [11, 12, 13, 14, 15, 16]) == 2)
    }

    @Test func aMessageHeardTwiceIsOneDuplicate() {
        var ledger = SeqLedger(base: 0)
        for seq in [1, 2, 3, 3, 4, 3] { ledger.add(seq) }
        #expect(ledger.duplicated == 2)
        #expect(ledger.lost(of: [1, 2, 3, 4]) == 0)
    }

    @Test func messagesBeforeEnteringAreNotOwed() {
        var ledger = SeqLedger(base: 50)
        ledger.add(49)
        ledger.add(51)
        #expect(ledger.lost(of: [40, 49, 50, 51]) == 0)
        #expect(ledger.early == 1)
        #expect(ledger.duplicated == 0)
    }

    @Test func seqsOfOtherEventsLeaveGaps() {
        var ledger = SeqLedger(base: 0)
        ledger.add(100)
        #expect(ledger.received(100))
        #expect(!ledger.received(99))
        #expect(!ledger.received(101))
        #expect(ledger.lost(of: [100, 101]) == 1)
    }
}
