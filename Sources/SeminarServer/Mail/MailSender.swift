import Logging
import SeminarCore
import SeminarStore
import ServiceLifecycle
import Synchronization

/// Delivers the outbox: claims due mails (a lease, so each is sent once), sends up to `concurrency` at a time at
/// `mailPerMinute` at most, and marks each sent, queued again with back-off, or failed. A slow or failing mail holds
/// one slot, never the others.
struct MailSender: Service {
    let database: any ServerStore
    let delivery: MailDelivery
    let from: String
    let policy: MailRetryPolicy
    let perMinute: Int
    /// Past this, a claimed mail whose send was never confirmed may be claimed again.
    let leaseSeconds: Int
    let clock: @Sendable () -> Timestamp
    let logger: Logger
    let concurrency = 4

    init(settings: Settings, database: any ServerStore, clock: @escaping @Sendable () -> Timestamp, logger: Logger) throws {
        self.database = database
        self.delivery = try MailDelivery(settings: settings)
        self.from = settings.mailFrom
        self.policy = MailRetryPolicy(firstDelaySeconds: settings.mailRetrySeconds, maxAttempts: settings.mailMaxAttempts)
        self.perMinute = settings.mailPerMinute
        // A conversation has at most about ten steps, each within the time-out.
        self.leaseSeconds = settings.smtpTimeoutSeconds * 12 + 60
        self.clock = clock
        self.logger = logger
    }

    func run() async throws {
        do {
            let released = try await database.releaseMailClaims(now: clock())
            if released > 0 { logger.notice("mails whose sending was interrupted are queued again", metadata: ["count": "\(released)"]) }
        } catch {
            logger.error("mail outbox unavailable", metadata: ["error": "\(error)"])
        }
        let inFlight = InFlight()
        await withDiscardingTaskGroup { group in
            var bucket = TokenBucket(rate: Double(perMinute) / 60, burst: min(perMinute, 10), now: seconds)
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                var claimed: [QueuedMail] = []
                let free = concurrency - inFlight.count
                if free > 0 {
                    do {
                        claimed = try await database.claimDueMails(now: clock(), limit: free, leaseSeconds: leaseSeconds)
                    } catch {
                        logger.error("mail outbox unavailable", metadata: ["error": "\(error)"])
                    }
                }
                for mail in claimed {
                    while let wait = bucket.take(now: seconds) {
                        try? await Task.sleep(for: .milliseconds(wait))
                    }
                    inFlight.add(1)
                    group.addTask {
                        await send(mail)
                        inFlight.add(-1)
                    }
                }
                if claimed.isEmpty {
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(250)) }
                }
            }
        }
    }

    private var seconds: Double { Double(clock().milliseconds) / 1000 }

    private func send(_ mail: QueuedMail) async {
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let message = MailMessage(fromName: mail.fromName, fromAddress: from, to: mail.recipient, subject: mail.subject,
                                  text: mail.text, html: mail.html, date: mail.createdAt,
                                  messageID: "\(mail.id).\(mail.createdAt.milliseconds)@\(domain)", headers: mail.headers,
                                  attachments: mail.attachments)
        let meta: Logger.Metadata = ["mail": "\(mail.id)", "kind": "\(mail.kind.rawValue)", "attempt": "\(mail.attempts)"]
        let failure: SMTPFailure
        do throws(SMTPFailure) {
            try await delivery.deliver(id: mail.id.rawValue, kind: mail.kind, from: from, to: mail.recipient,
                                       message: message.rendered(boundary: "=_seminar_\(mail.id)_\(mail.createdAt.milliseconds)"))
            do {
                try await database.markMailSent(mail, now: clock())
                logger.info("mail sent", metadata: meta)
            } catch {
                logger.error("mail sent but not marked; it may go again once its lease ends", metadata: meta.merging(["error": "\(error)"]) { $1 })
            }
            return
        } catch {
            failure = error
        }
        do {
            switch policy.afterFailure(attempts: mail.attempts, permanent: failure.permanent, now: clock()) {
            case .retry(let at):
                try await database.markMailRetry(mail, at: at, error: failure.reason)
                logger.warning("mail not sent; will retry", metadata: meta.merging(["error": "\(failure.reason)", "retryAt": "\(at.iso8601)"]) { $1 })
            case .fail:
                try await database.markMailFailed(mail, error: failure.reason)
                logger.error("mail failed", metadata: meta.merging(["error": "\(failure.reason)"]) { $1 })
            }
        } catch {
            logger.error("mail outbox unavailable", metadata: ["error": "\(error)"])
        }
    }
}

/// How many sends are under way.
private final class InFlight: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add(_ delta: Int) { value.withLock { $0 += delta } }
}
