import NIOCore
import Synchronization

/// Something a ``LoopWheel`` calls once a period, on its loop; false once it is done, and it leaves the wheel.
public protocol WheelMember: AnyObject {
    func turnCame() -> Bool
}

/// One timer per event loop and period going round slots of 100 ms (200 of them for a period of 20 s), each member
/// in the slot of the moment it joined, so that every member's turn comes every period from its start without a timer
/// of its own. Thousands of repeated tasks in NIO's timer heap, each rescheduled with a new promise at every turn,
/// cost a loop more than the turns themselves, and every other task scheduled on it (a fan-out's pause between two
/// slices) goes through a heap that deep. The server's pings (``Liveness`` in SeminarServer) and the load
/// generator's go round such wheels.
public final class LoopWheel: @unchecked Sendable {
    private struct Key: Hashable {
        let loop: ObjectIdentifier
        let period: Int64
    }

    private static let wheels = Mutex<[Key: LoopWheel]>([:])

    /// The wheel of `loop` for turns every `period`, made on first use.
    public static func on(_ loop: any EventLoop, period: TimeAmount) -> LoopWheel {
        wheels.withLock { wheels in
            let key = Key(loop: ObjectIdentifier(loop), period: period.nanoseconds)
            if let wheel = wheels[key] { return wheel }
            let wheel = LoopWheel(loop: loop, period: period)
            wheels[key] = wheel
            return wheel
        }
    }

    private let loop: any EventLoop
    /// A slot's length: 100 ms, or the period when shorter.
    private let tick: TimeAmount
    // Only touched on `loop`.
    private var slots: [[any WheelMember]]
    private var position = 0
    private var count = 0
    /// The moment of the next slot: kept on the clock, so that a loop busy when a slot is due does not stretch the period.
    private var next = NIODeadline.uptimeNanoseconds(0)
    private var timer: Scheduled<Void>?

    private init(loop: any EventLoop, period: TimeAmount) {
        self.loop = loop
        tick = min(.milliseconds(100), max(.milliseconds(1), period))
        slots = Array(repeating: [], count: max(1, Int(period.nanoseconds / tick.nanoseconds)))
    }

    /// `member`'s turn comes one period from now, and every period after until its `turnCame()` says it is done. On the loop.
    public func add(_ member: any WheelMember) {
        loop.preconditionInEventLoop()
        slots[position].append(member)
        count += 1
        if timer == nil {
            next = loop.now + tick
            schedule()
        }
    }

    private func schedule() {
        timer = loop.scheduleTask(deadline: next) { [self] in turn() }
    }

    /// The members of every slot now due have their turn (more than one slot when the loop was busy past a tick);
    /// those done leave the wheel, and the timer stops with the last one.
    private func turn() {
        let now = loop.now
        while next <= now {
            position = (position + 1) % slots.count
            let before = slots[position].count
            slots[position].removeAll { !$0.turnCame() }
            count -= before - slots[position].count
            next = next + tick
        }
        if count == 0 {
            timer = nil
        } else {
            schedule()
        }
    }
}
