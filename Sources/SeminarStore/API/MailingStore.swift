import SeminarCore

/// Mail seen from the console and from each person: invitations and their resending, the outbox report and retries, the
/// morning digests, mail preferences and the server's own keys (the one that signs unsubscribe links).
public protocol MailingStore: Sendable {
    /// The latest invitation of each invited person (newest first, at most `limit`), and the counts by status.
    func invitations(limit: Int) async throws -> InvitationReport
    /// Sends a new invitation to `userId`, or (nil) to everyone invited who never signed in, in one transaction: each gets a
    /// new one-time link by mail and their earlier links stop working. Refused (nothing written) for a person who
    /// has signed in: they have their own way in ("Forgot your password?"), and a link would be a second one.
    func resendInvitations(to userId: Int64?, newToken: @Sendable () -> (token: String, hash: [UInt8]), linkHours: Int, by actor: UserID, now: Timestamp, compose: InvitationMail.Composer) async throws -> Int
    /// The newest `limit` mails (of `status`: queued also lists those being sent), and the counts by status.
    func outboxReport(status: String?, limit: Int) async throws -> OutboxReport
    /// Queues failed mails again, due now with their attempts counted afresh: one (`id`), or every retryable one.
    /// A mail that is not failed, or whose text was wiped, is refused (nothing written).
    func retryFailedMails(id: MailID?, by actor: UserID, now: Timestamp) async throws -> Int
    /// Queues the digest of `day` (its name, e.g. `2027-02-16`) covering [`from`, `to`); how many were queued, 0 when
    /// the day's digest was queued already.
    func queueDigests(day: String, from: Timestamp, to: Timestamp, now: Timestamp, compose: DigestMail.Composer) async throws -> Int
    func mailPreferences(of user: UserID) async throws -> MailPreferences
    /// Turns a topic on or off for `user`; the preferences after the change. Nil when there is no such person.
    func setMailTopic(_ topic: MailTopic, on: Bool, for user: UserID) async throws -> MailPreferences?
    /// The key named `name`, made by `make` the first time and the same ever after (whichever process asks first).
    func serverKey(named name: String, make: @Sendable () -> [UInt8]) async throws -> [UInt8]
}

extension AppDatabase: MailingStore {}
