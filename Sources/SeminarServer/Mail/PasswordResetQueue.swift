import Logging
import SeminarCore
import SeminarStore
import ServiceLifecycle

/// The work behind `POST /api/password/forgot`, done after the reply so that the reply is the same, and as quick,
/// whether the address has an account or not. One request at a time, in order; a flood beyond the buffer is dropped
/// (the rate limits come first).
final class PasswordResetQueue: Service, Sendable {
    struct Job: Sendable {
        let email: String
        let tokenHash: [UInt8]
        /// `<base>/#/reset/<token>`.
        let link: String
    }

    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    let database: any ServerStore
    let minutes: Int
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    init(database: any ServerStore, minutes: Int, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self, bufferingPolicy: .bufferingOldest(1_000))
        self.database = database
        self.minutes = minutes
        self.clock = clock
        self.logger = logger
    }

    func enqueue(_ job: Job) {
        if case .dropped = continuation.yield(job) { logger.warning("password reset requests dropped: the queue is full") }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            for await job in jobs { await handle(job) }
        }
    }

    private func handle(_ job: Job) async {
        let now = clock()
        let minutes = self.minutes
        do {
            let known = try await database.requestPasswordReset(
                email: job.email, tokenHash: job.tokenHash, now: now, expiresAt: now.adding(seconds: Int64(minutes) * 60)
            ) { user, seminar in
                let name = seminar?.resolved(user.locale)?.text ?? LocalizedText(fr: "Séminaire", en: "Seminar", es: "Seminario")[user.locale] ?? "Seminar"
                return OutboxMail(kind: .passwordReset, recipient: user.email, userID: user.id, language: user.locale, fromName: name,
                                  content: PasswordResetMail.compose(language: user.locale, seminarName: name, personName: user.displayName,
                                                                     link: job.link, minutes: minutes))
            }
            if known { logger.info("password reset mail queued") }
        } catch {
            logger.error("password reset request failed", metadata: ["error": "\(error)"])
        }
    }
}
