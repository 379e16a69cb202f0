import Logging
import SeminarCore
import SeminarStore
import ServiceLifecycle

/// Every 10 seconds: publishes the scheduled announcements that are due, sends the reminders that are due
/// (5 minutes before each bookmarked session) and ends the breakouts whose time is up.
struct ReminderService: Service {
    let database: AppDatabase
    let clock: @Sendable () -> Timestamp
    let meetingRequestHours: Int
    /// Scheduled announcements marked "also by email" are mailed when they are published.
    let announcementMail: AnnouncementMail.Composer
    let logger: Logger

    func run() async throws {
        // Also stop when cancelled (the group torn down without a graceful shutdown): never spin on errors.
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let published = try await database.publishDueAnnouncements(now: clock(), mail: announcementMail)
                if published > 0 { logger.info("scheduled announcements published", metadata: ["count": "\(published)"]) }
                let sent = try await database.sendDueReminders(now: clock())
                if sent > 0 { logger.info("reminders sent", metadata: ["count": "\(sent)"]) }
                try await database.expireRequests(now: clock(), expiryHours: meetingRequestHours)
                let ended = try await database.endExpiredBreakouts(now: clock())
                if ended > 0 { logger.info("breakouts ended", metadata: ["rooms": "\(ended)"]) }
            } catch {
                logger.error("reminders failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(10)) }
        }
    }
}
