import Logging
import SeminarRealtime
import ServiceLifecycle

/// On graceful shutdown, first drains (`/healthz` answers 503 for `drainSeconds` while everything still works, so
/// that a load balancer stops sending people here), then closes every socket with 1001 after flushing what it was
/// owed, before the HTTP server stops (it is later in the service list, so it is shut down first).
struct SocketShutdown: Service {
    let hub: Hub
    let lifecycle: NodeLifecycle
    let drainSeconds: Int
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        lifecycle.startDraining()
        if drainSeconds > 0 {
            logger.info("draining before shutdown", metadata: ["seconds": "\(drainSeconds)"])
            // A wait on the wall clock is the point here: the balancer's checks need this long to see the 503.
            try? await Task.sleep(for: .seconds(drainSeconds))
        }
        let open = hub.stats.connections
        logger.info("closing sockets for shutdown", metadata: ["connections": "\(open)"])
        hub.closeAll(.goingAway)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await hub.waitUntilEmpty() }
            group.addTask { try? await Task.sleep(for: .seconds(10)) }
            await group.next()
            group.cancelAll()
        }
    }
}
