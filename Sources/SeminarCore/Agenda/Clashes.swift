/// A time span in a person's agenda.
public struct AgendaSpan: Sendable, Equatable {
    public let id: String
    public let start: Timestamp
    public let end: Timestamp

    public init(id: String, start: Timestamp, end: Timestamp) {
        self.id = id
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: AgendaSpan) -> Bool {
        start < other.end && other.start < end
    }
}

public enum Clashes {
    /// For each span, the ids of the other spans it overlaps (touching ends do not clash).
    public static func find(_ spans: [AgendaSpan]) -> [String: [String]] {
        let sorted = spans.sorted { $0.start < $1.start }
        var result: [String: [String]] = [:]
        for (index, span) in sorted.enumerated() {
            var next = index + 1
            while next < sorted.count, sorted[next].start < span.end {
                if span.overlaps(sorted[next]) {
                    result[span.id, default: []].append(sorted[next].id)
                    result[sorted[next].id, default: []].append(span.id)
                }
                next += 1
            }
        }
        return result
    }
}
