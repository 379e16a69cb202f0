import Logging
import SeminarCore
import SeminarRealtime
import SeminarStore
import ServiceLifecycle

/// Closes (4001) the sockets whose session has expired or was removed (sign-out elsewhere, a password change, an
/// organiser's action), checked every `intervalSeconds`: a socket never outlives its session by more than that.
struct SessionExpiry: Service {
    let database: any ServerStore
    let hub: Hub
    let clock: @Sendable () -> Timestamp
    let intervalSeconds: Double
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
            do {
                let closed = try await closeExpired()
                if closed > 0 { logger.info("sockets of expired sessions closed", metadata: ["count": "\(closed)"]) }
            } catch {
                logger.error("session expiry check failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One pass: every signed-in socket whose session is no longer live is asked to close.
    func closeExpired() async throws -> Int {
        let connections = hub.allConnections().compactMap { connection in connection.sessionHash.map { (connection, $0) } }
        guard !connections.isEmpty else { return 0 }
        let live = try await database.liveSessions(among: Array(Set(connections.map(\.1))), now: clock())
        var closed = 0
        for (connection, hash) in connections where !live.contains(hash) {
            connection.requestClose(.sessionExpired)
            closed += 1
        }
        return closed
    }
}
