import Foundation
import Logging
import SeminarCore
import SeminarStore
import ServiceLifecycle

/// Hourly maintenance, also at start: deletes events older than the retention (resume past them answers
/// `resync`) and merges the hub's search index.
struct EventLogPruning: Service {
    let database: any ServerStore
    let retentionDays: Int
    let logger: Logger

    func run() async throws {
        // Also stop when cancelled (the group torn down without a graceful shutdown): never spin on errors.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = Int64(Date().timeIntervalSince1970)
            let cutoff = Timestamp(seconds: now - Int64(retentionDays) * 86_400)
            do {
                let removed = try await database.pruneEvents(olderThan: cutoff)
                if removed > 0 { logger.info("pruned event log", metadata: ["events": "\(removed)"]) }
                try await database.optimizeSearchIndex()
            } catch {
                logger.error("event log pruning failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
