import Testing
@testable import seminar_bench

@Suite struct NodeSpreadTests {
    let three = try! NodeSpread(urls: ["http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3"], pids: ["11", "12", "13"])

    @Test func peopleAreSpreadInTurn() {
        #expect((0..<6).map(three.node(of:)) == [0, 1, 2, 0, 1, 2])
    }

    @Test func theVictimsPeopleAreSharedBetweenTheSurvivors() {
        #expect((0..<4).map { three.survivor(for: $0, down: [1]) } == [0, 2, 0, 2])
        #expect(three.survivor(for: 5, down: [0, 1, 2]) == nil)
    }

    @Test func aListIsCommaSeparated() {
        #expect(NodeSpread.list("a, b,,c ") == ["a", "b", "c"])
    }

    @Test func nodesOffTheLoopbackAreRefused() {
        #expect(throws: BenchError.self) { try NodeSpread(urls: ["http://example.com:80"]) }
    }

    @Test func aNodesPidMustBeANumber() {
        #expect(throws: BenchError.self) { try NodeSpread(urls: ["http://127.0.0.1:1"], pids: ["x"]) }
    }
}
