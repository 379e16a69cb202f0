/// The chat messages one person received in a room, by seq, across all their connections: what `failover` counts
/// lost and duplicated from. One byte per seq after the seq the person entered at (a room's seqs are dense: every
/// logged event of the room takes one), so thousands of people each hearing thousands of messages stay small.
struct SeqLedger: Sendable {
    /// The room's seq when the person first entered: they are owed every message after it.
    let base: Int
    private var counts: [UInt8] = []
    /// Messages received at or before `base` (the server should send none).
    private(set) var early = 0

    init(base: Int) { self.base = base }

    /// One delivery of the message `seq`.
    mutating func add(_ seq: Int) {
        guard seq > base else { early += 1; return }
        let index = seq - base - 1
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index - counts.count + 1)) }
        if counts[index] < .max { counts[index] += 1 }
    }

    func received(_ seq: Int) -> Bool {
        let index = seq - base - 1
        return index >= 0 && index < counts.count && counts[index] > 0
    }

    /// The acknowledged messages after `base` this person never received.
    func lost(of acknowledged: [Int]) -> Int {
        acknowledged.reduce(0) { $0 + ($1 > base && !received($1) ? 1 : 0) }
    }

    /// Deliveries beyond the first of a message.
    var duplicated: Int { counts.reduce(0) { $0 + max(0, Int($1) - 1) } }
}
