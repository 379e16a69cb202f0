import Logging
import SeminarCore
import SeminarStore
import ServiceLifecycle

/// Every 10 seconds: publishes the scheduled announcements that are due, sends the reminders that are due
/// (5 minutes before each bookmarked session), ends the breakouts whose time is up (and their calls on the stage), and queues the day's morning
/// digest once it is time.
struct ReminderService: Service {
    let database: any ServerStore
    let clock: @Sendable () -> Timestamp
    let meetingRequestHours: Int
    /// Scheduled announcements marked "also by email" are mailed when they are published.
    let announcementMail: AnnouncementMail.Composer
    /// The morning digest (nil: none), and how it is written.
    let digestClock: DigestClock?
    let digestMail: DigestMail.Composer
    /// The groups' calls end with the groups.
    let stage: StageLive
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
                if !ended.isEmpty {
                    await stage.end(rooms: ended)
                    logger.info("breakouts ended", metadata: ["rooms": "\(ended)"])
                }
                if let digestClock, let zone = try await database.seminarInfo()?.timeZone, let due = digestClock.due(at: clock(), timeZone: zone) {
                    let queued = try await database.queueDigests(day: due.day, from: due.from, to: due.to, now: clock(), compose: digestMail)
                    if queued > 0 { logger.info("morning digests queued", metadata: ["day": "\(due.day)", "count": "\(queued)"]) }
                }
            } catch {
                logger.error("reminders failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(10)) }
        }
    }
}
