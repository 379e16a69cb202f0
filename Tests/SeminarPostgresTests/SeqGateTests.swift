@testable import SeminarPostgres
import SeminarCore
import SeminarStore
import Testing

@Suite("the order gate and the hints (pure)")
struct SeqGateTests {
    static func event(_ topic: String, _ seq: Int64) -> StoredEvent {
        StoredEvent(topic: topic, seq: seq, type: "t", at: Timestamp(milliseconds: 0), data: "{}")
    }

    @Test("out of order and repeated events come out once, in order; a gap holds the rest and is reported")
    func gate() {
        var gate = SeqGate()
        gate.follow("room:1", after: 2)
        #expect(gate.offer([Self.event("room:1", 4), Self.event("room:1", 2), Self.event("room:2", 1)]).isEmpty)
        #expect(gate.gaps.map(\.topic) == ["room:1"] && gate.gaps[0].after == 2 && gate.gaps[0].through == 4)
        #expect(gate.offer([Self.event("room:1", 3), Self.event("room:1", 4)]).map(\.seq) == [3, 4])
        #expect(gate.gaps.isEmpty && gate.delivered("room:1") == 4)
        #expect(gate.offer([Self.event("room:1", 4), Self.event("room:1", 5)]).map(\.seq) == [5])
        gate.follow("room:1", after: 0)  // already followed: keeps its place
        #expect(gate.delivered("room:1") == 5)
        gate.unfollow("room:1")
        #expect(gate.offer([Self.event("room:1", 6)]).isEmpty && gate.delivered("room:1") == nil)
    }

    @Test("hints fit PostgreSQL's NOTIFY limit, split when many topics move at once, and read back")
    func hints() {
        let heads = Dictionary(uniqueKeysWithValues: (1...600).map { ("room:\($0)", Int64($0) * 1_000) })
        let payloads = Hints.payloads(node: "node-1", heads: heads)
        #expect(payloads.count > 1)
        #expect(payloads.allSatisfy { $0.utf8.count < 8_000 })
        let decoded = payloads.compactMap(Hints.decode)
        #expect(decoded.allSatisfy { $0.node == "node-1" })
        #expect(decoded.reduce(into: [String: Int64]()) { $0.merge($1.heads) { a, _ in a } } == heads)
        #expect(Hints.payloads(node: "n", heads: [:]).isEmpty)
        #expect(Hints.decode("not json") == nil)
    }
}
