import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// How the load generator's threads share the machine with the server they measure (Linux).
///
/// `normal` (the default) leaves the policy alone. `batch` puts every thread of the generator under `SCHED_BATCH`: the
/// same share of the CPU, but a thread woken by a frame does not interrupt the server's thread on that core; it runs
/// at the next switch and reads every socket that became ready meanwhile. With the normal policy a delivery can wake a
/// generator thread that preempts the server in mid fan-out — switches that real clients, on their own machines, never
/// cause. Delivery times only grow by the wait (a frame is timed when it is read). Whether it helps depends on the
/// machine's moment: figures of both in docs/benchmarks.md.
enum GeneratorScheduling: String, CaseIterable, Sendable {
    case batch, normal

    /// Applies the policy to every thread of this process, NIO's event loops started first (threads made later by a
    /// thread of the process inherit it). Throws when the system refuses.
    func apply() throws {
        guard self == .batch else { return }
        #if os(Linux)
        _ = MultiThreadedEventLoopGroup.singleton.next()
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        var parameters = sched_param(sched_priority: 0)
        let schedBatch: Int32 = 3  // SCHED_BATCH (glibc declares it for _GNU_SOURCE only)
        for task in tasks {
            guard let thread = pid_t(task) else { continue }
            if sched_setscheduler(thread, schedBatch, &parameters) != 0, errno != ESRCH {
                throw BenchError("could not put the generator's threads under SCHED_BATCH (errno \(errno)); try --scheduling normal")
            }
        }
        #else
        throw BenchError("--scheduling batch needs Linux; use --scheduling normal")
        #endif
    }
}
