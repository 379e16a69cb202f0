/// One event of an iCalendar feed.
public struct CalendarEvent: Sendable, Equatable {
    /// Stable across changes, so a moved session updates the calendar entry instead of adding one.
    public let uid: String
    public let start: Timestamp
    public let end: Timestamp
    public let summary: String
    public let description: String
    public let url: String?
    public let sequence: Int
    /// A cancelled event (`STATUS:CANCELLED`): a calendar that has it under the same UID removes it.
    public let cancelled: Bool

    public init(uid: String, start: Timestamp, end: Timestamp, summary: String, description: String, url: String?, sequence: Int = 0,
                cancelled: Bool = false) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.url = url
        self.sequence = sequence
        self.cancelled = cancelled
    }
}

/// Renders an RFC 5545 calendar: CRLF line ends, escaped text, lines folded at 75 octets, UTC times,
/// and the event's time zone named for calendar apps.
public enum ICalendar {
    /// `method` is `PUBLISH` for a feed or a booked meeting, `CANCEL` for a cancelled one.
    public static func render(name: String, timeZone: String, events: [CalendarEvent], now: Timestamp, method: String = "PUBLISH") -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Seminar//Agenda//EN", "CALSCALE:GREGORIAN", "METHOD:" + method,
            "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:" + escape(timeZone),
        ]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escape(event.uid))
            lines.append("DTSTAMP:" + stamp(now))
            lines.append("DTSTART:" + stamp(event.start))
            lines.append("DTEND:" + stamp(event.end))
            lines.append("SEQUENCE:\(event.sequence)")
            lines.append("SUMMARY:" + escape(event.summary))
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + escape(event.description)) }
            if let url = event.url { lines.append("URL:" + escape(url)) }
            if event.cancelled { lines.append("STATUS:CANCELLED") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20210215T100000Z`
    static func stamp(_ time: Timestamp) -> String {
        let iso = time.iso8601  // 2021-02-15T10:00:00.000Z
        let digits = iso.prefix(19).filter { $0 != "-" && $0 != ":" }
        return digits + "Z"
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
