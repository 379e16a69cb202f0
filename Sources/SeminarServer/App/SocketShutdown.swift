import Logging
import SeminarRealtime
import ServiceLifecycle

/// On graceful shutdown, closes every socket with 1001 after flushing what it was owed, before the HTTP
/// server stops (it is later in the service list, so it is shut down first).
struct SocketShutdown: Service {
    let hub: Hub
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
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
