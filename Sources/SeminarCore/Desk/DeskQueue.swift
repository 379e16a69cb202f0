/// Queue positions and the wait a person is told to expect.
public enum DeskQueue {
    /// The handling time assumed while no ticket has been resolved yet: four minutes.
    public static let defaultHandlingMs: Int64 = 240_000
    /// How many recent resolved tickets the estimate looks at.
    public static let historySize = 50

    /// The median of `values` (the mean of the two middle ones for an even count); nil when empty.
    public static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }

    /// The wait for the person at `position` (1 = next): the tickets before theirs and their own, shared among
    /// the agents on duty, each taking the median recent handling time.
    public static func estimatedWaitMs(position: Int, agents: Int, recentHandlingMs: [Int64]) -> Int64 {
        let handling = median(recentHandlingMs.filter { $0 >= 0 }) ?? defaultHandlingMs
        let rounds = (max(position, 1) + max(agents, 1) - 1) / max(agents, 1)
        return Int64(rounds) * handling
    }
}

/// The desk's opening hours in the seminar's time zone, e.g. `08:00-20:00`.
public struct DeskHours: Sendable, Equatable {
    /// Minutes after local midnight.
    public let opens: Int
    public let closes: Int

    /// Parses `HH:MM-HH:MM`; closing before opening means the desk is open across midnight.
    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { String($0).trimmingWhitespace() }
        guard parts.count == 2, let opens = Self.minutes(parts[0]), let closes = Self.minutes(parts[1]), opens != closes else { return nil }
        self.opens = opens
        self.closes = closes
    }

    /// Whether the desk is open at `minute` minutes after local midnight.
    public func isOpen(atLocalMinute minute: Int) -> Bool {
        opens < closes ? (minute >= opens && minute < closes) : (minute >= opens || minute < closes)
    }

    public var opensText: String { Self.text(opens) }
    public var closesText: String { Self.text(closes) }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    static func text(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
