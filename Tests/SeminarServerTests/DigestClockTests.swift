@testable import SeminarServer
import SeminarCore
import Testing

@Suite("when the morning digest is due")
struct DigestClockTests {
    let clock = DigestClock(hour: 7)

    @Test("from the hour, for four hours, in the seminar's time zone; the local day's name and bounds")
    func window() throws {
        #expect(clock.due(at: Timestamp(iso8601: "2027-02-16T05:59:00Z")!, timeZone: "Europe/Paris") == nil)  // 06:59 in Paris
        let due = try #require(clock.due(at: Timestamp(iso8601: "2027-02-16T06:30:00Z")!, timeZone: "Europe/Paris"))
        #expect(due.day == "2027-02-16" && due.from == Timestamp(iso8601: "2027-02-15T23:00:00Z") && due.to == Timestamp(iso8601: "2027-02-16T23:00:00Z"))
        #expect(clock.due(at: Timestamp(iso8601: "2027-02-16T10:00:00Z")!, timeZone: "Europe/Paris") == nil)  // 11:00: too late for a morning mail
        #expect(clock.due(at: Timestamp(iso8601: "2027-02-16T07:00:00Z")!, timeZone: "UTC")?.day == "2027-02-16")
    }
}
