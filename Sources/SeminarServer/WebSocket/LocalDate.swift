import Foundation
import SeminarCore

/// A calendar date in a zone, `YYYY-MM-DD`.
enum LocalDate {
    static func of(_ time: Timestamp, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
        return String(time.adding(seconds: Int64(offset)).iso8601.prefix(10))
    }
}
