import NIOCore
import NIOEmbedded
import SeminarTimers
import Testing

/// Counts its turns and is done after `turns` of them.
final class Turner: WheelMember {
    let turns: Int
    var times: [Int64] = []  // ms of the loop's clock
    let loop: EmbeddedEventLoop

    init(turns: Int, loop: EmbeddedEventLoop) {
        self.turns = turns
        self.loop = loop
    }

    func turnCame() -> Bool {
        times.append(Int64(loop.now.uptimeNanoseconds / 1_000_000))
        return times.count < turns
    }
}

@Suite("loop wheel: one timer per loop for everyone's periodic turns")
struct LoopWheelTests {
    @Test("each member's turn comes every period from its start, until it says it is done; then the timer stops")
    func turns() throws {
        let loop = EmbeddedEventLoop()
        let wheel = LoopWheel.on(loop, period: .seconds(1))
        #expect(LoopWheel.on(loop, period: .seconds(1)) === wheel)
        #expect(LoopWheel.on(loop, period: .seconds(2)) !== wheel)
        let start = Int64(loop.now.uptimeNanoseconds / 1_000_000)
        let early = Turner(turns: 3, loop: loop)
        wheel.add(early)
        loop.advanceTime(by: .milliseconds(350))
        let late = Turner(turns: 2, loop: loop)
        wheel.add(late)
        loop.advanceTime(by: .seconds(10))

        // Every second from its start, within a slot (100 ms).
        #expect(early.times.map { $0 - start } == [1_000, 2_000, 3_000])
        #expect(late.times.map { $0 - start } == [1_300, 2_300])
        // Both done, the timer stopped; a newcomer starts it again, its turns a period from its own start.
        let restart = Int64(loop.now.uptimeNanoseconds / 1_000_000)
        let newcomer = Turner(turns: 1, loop: loop)
        wheel.add(newcomer)
        loop.advanceTime(by: .seconds(5))
        #expect(newcomer.times.map { $0 - restart } == [1_000])
        try loop.syncShutdownGracefully()
    }
}
