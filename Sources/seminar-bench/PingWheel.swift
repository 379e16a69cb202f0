import NIOCore
import Synchronization

/// The pings of `flood`'s people on one event loop: one timer per loop going round slots of 100 ms (100 of them for a
/// ping every 10 s), each person in the slot of the moment they went live, so that everyone pings every period from
/// their join without a timer of their own. Eighteen thousand repeated tasks in NIO's timer heap, each rescheduled with
/// a new promise at every ping, cost the generator a good part of what the pings themselves cost.
final class PingWheel: @unchecked Sendable {
    static let tick = TimeAmount.milliseconds(100)

    private static let wheels = Mutex<[ObjectIdentifier: PingWheel]>([:])

    /// The wheel of `loop` for pings every `period`, made on first use (one period per run).
    static func on(_ loop: any EventLoop, period: TimeAmount) -> PingWheel {
        wheels.withLock { wheels in
            if let wheel = wheels[ObjectIdentifier(loop)], wheel.period == period { return wheel }
            let wheel = PingWheel(loop: loop, period: period)
            wheels[ObjectIdentifier(loop)] = wheel
            return wheel
        }
    }

    private let loop: any EventLoop
    let period: TimeAmount
    // Only touched on `loop`.
    private var slots: [[FloodClient]]
    private var position = 0
    private var count = 0
    /// The moment of the next slot: kept on the clock, so that a loop busy when a slot is due does not stretch the period.
    private var next = NIODeadline.now()
    private var timer: Scheduled<Void>?

    private init(loop: any EventLoop, period: TimeAmount) {
        self.loop = loop
        self.period = period
        slots = Array(repeating: [], count: max(1, Int(period.nanoseconds / Self.tick.nanoseconds)))
    }

    /// `client` pings one turn (a period) from now, and every turn after until its `ping()` says it has stopped. On the loop.
    func add(_ client: FloodClient) {
        loop.preconditionInEventLoop()
        slots[position].append(client)
        count += 1
        if timer == nil {
            next = .now() + Self.tick
            schedule()
        }
    }

    private func schedule() {
        timer = loop.scheduleTask(deadline: next) { [self] in turn() }
    }

    /// The people of every slot now due ping (more than one slot when the loop was busy past a tick); those who have
    /// stopped leave the wheel, and the timer stops with the last one.
    private func turn() {
        let now = NIODeadline.now()
        while next <= now {
            position = (position + 1) % slots.count
            let before = slots[position].count
            slots[position].removeAll { !$0.ping() }
            count -= before - slots[position].count
            next = next + Self.tick
        }
        if count == 0 {
            timer = nil
        } else {
            schedule()
        }
    }
}
