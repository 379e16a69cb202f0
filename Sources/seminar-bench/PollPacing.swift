import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// How often the load generator's event loops look at their sockets (`--poll-every`, milliseconds).
///
/// With 0 a loop waits in `epoll_wait` and wakes as soon as one of its sockets is readable: during a fan-out to 18,000
/// that is a wake-up every two or three deliveries (~9,000 a second), each taking the core from the server it is
/// measuring on the same two cores. With N a loop polls at most once every N ms: after a turn it sleeps out the rest
/// of the N ms, and its next poll reads every socket that became ready meanwhile. Clients on their own machines never
/// take the server's core; a generator woken for each frame does. A frame is timed when it is read, so the pacing can
/// only add to the delivery times it reports (N/2 on average), never hide any.
struct PollPacing: Sendable {
    let milliseconds: Int

    /// Starts the pacing on every loop of NIO's shared group (the one the generator's sockets use).
    func start() {
        guard milliseconds > 0 else { return }
        let period = TimeAmount.milliseconds(Int64(milliseconds))
        for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
            loop.execute {
                let lastTurn = NIOLoopBoundBox(NIODeadline.now(), eventLoop: loop)
                @Sendable func pace() {
                    let since = NIODeadline.now() - lastTurn.value
                    if since < period { usleep(UInt32((period - since).nanoseconds / 1000)) }
                    lastTurn.value = .now()
                    // A moment ahead, not now: NIO runs a task due now in the same turn, before it polls again.
                    loop.scheduleTask(in: .microseconds(50)) { pace() }
                }
                pace()
            }
        }
    }
}
