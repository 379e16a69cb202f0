import Foundation
import SeminarCore

/// When the morning digest is due: from `hour` in the seminar's time zone, for four hours (a server started in the
/// evening sends no "morning" digest); the day's name and its bounds in that zone.
struct DigestClock: Sendable {
    let hour: Int

    /// The day to queue now, if it is digest time there.
    func due(at now: Timestamp, timeZone: String) -> (day: String, from: Timestamp, to: Timestamp)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
        let date = Date(timeIntervalSince1970: Double(now.milliseconds) / 1000)
        let local = calendar.component(.hour, from: date)
        guard local >= hour, local < hour + 4 else { return nil }
        let start = calendar.startOfDay(for: date)
        guard let end = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return (day, Timestamp(milliseconds: Int64(start.timeIntervalSince1970 * 1000)), Timestamp(milliseconds: Int64(end.timeIntervalSince1970 * 1000)))
    }
}
