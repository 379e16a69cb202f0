import SeminarStore

/// Puts the events of the topics a node follows back in order: events arrive from local commits (whose after-commit
/// callbacks may run out of order) and from reads after other nodes' hints (which may overlap); the gate lets each
/// topic's events out once, in seq order, with no gap, and says which seqs it is still waiting for.
struct SeqGate: Sendable {
    struct Cursor: Sendable {
        /// The last seq let out.
        var delivered: Int64
        /// Events that came early (after a gap), by seq.
        var early: [Int64: StoredEvent] = [:]
    }

    private(set) var cursors: [String: Cursor] = [:]

    /// Starts following `topic` after `seq` (what the node's subscribers already have); a topic already followed
    /// keeps its cursor.
    mutating func follow(_ topic: String, after seq: Int64) {
        if cursors[topic] == nil { cursors[topic] = Cursor(delivered: seq) }
    }

    mutating func unfollow(_ topic: String) {
        cursors[topic] = nil
    }

    func delivered(_ topic: String) -> Int64? {
        cursors[topic]?.delivered
    }

    /// Takes `events` (any topics, any order, repeats allowed) and returns the ones to let out now, each topic in seq
    /// order; events of topics not followed, and seqs already let out, are dropped.
    mutating func offer(_ events: [StoredEvent]) -> [StoredEvent] {
        var out: [StoredEvent] = []
        var touched: [String] = []
        for event in events {
            guard var cursor = cursors[event.topic], event.seq > cursor.delivered else { continue }
            cursor.early[event.seq] = event
            cursors[event.topic] = cursor
            if !touched.contains(event.topic) { touched.append(event.topic) }
        }
        for topic in touched {
            guard var cursor = cursors[topic] else { continue }
            while let next = cursor.early.removeValue(forKey: cursor.delivered + 1) {
                out.append(next)
                cursor.delivered = next.seq
            }
            cursors[topic] = cursor
        }
        return out
    }

    /// Topics with a gap: (topic, the last seq delivered, the highest seq held early) — the events in between must be read.
    var gaps: [(topic: String, after: Int64, through: Int64)] {
        cursors.compactMap { topic, cursor in
            guard let highest = cursor.early.keys.max() else { return nil }
            return (topic, cursor.delivered, highest)
        }
    }
}
