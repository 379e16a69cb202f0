import SeminarCore
import Testing

@Suite("when a table opens for check-in")
struct CheckInWindowTests {
    static let start = Timestamp(milliseconds: 1_000_000_000_000)
    static let end = start.adding(seconds: 1_200)

    static func check(minutesFromStart minutes: Int64) -> DomainError? {
        do throws(DomainError) {
            try CheckInWindow.check(startsAt: start, endsAt: end, now: start.adding(seconds: minutes * 60))
            return nil
        } catch { return error }
    }

    @Test("open from ten minutes before the slot until its end")
    func open() {
        #expect(CheckInWindow.opensMinutesBefore == 10)
        for minutes: Int64 in [-10, -1, 0, 19] { #expect(Self.check(minutesFromStart: minutes) == nil, "\(minutes)") }
    }

    @Test("earlier: refused with the time until it opens; after the slot: over")
    func closed() {
        let early = Self.check(minutesFromStart: -11)
        #expect(early?.code == .conflict && early?.detail == "too_early" && early?.retryAfterMs == 60_000)
        #expect(Self.check(minutesFromStart: -24 * 60)?.retryAfterMs == (24 * 60 - 10) * 60_000)
        let over = Self.check(minutesFromStart: 20)
        #expect(over?.code == .conflict && over?.detail == "over")
    }
}
