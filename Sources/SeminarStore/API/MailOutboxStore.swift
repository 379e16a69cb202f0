import SeminarCore

/// The durable outbox, as the sender uses it, in every store (the embedded SQLite one: one sender per data folder; the
/// cluster's PostgreSQL one: one sender per node, all on one outbox). A mail is claimed for a lease: claims by senders
/// at once never share a mail, a claim whose lease ran out (its sender died) is taken again, and a sender marks only
/// its own claim (`QueuedMail.attempts` names it), so each mail is sent by one sender at a time.
public protocol MailOutboxStore: Sendable {
    /// Queues a mail on its own (most mails are queued inside the transaction of the change that causes them). False
    /// when it is not queued: an address no mail reaches, or a kind its person turned off.
    @discardableResult
    func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool
    /// Claims up to `limit` due mails for `leaseSeconds`, counting an attempt for each, in the order they fell due.
    func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail]
    /// At a sender's start: puts back the claims it may have left (SQLite: every claim, its only sender was this
    /// process; PostgreSQL: none, other nodes' claims are live and a dead node's run out by their lease). How many.
    func releaseMailClaims(now: Timestamp) async throws -> Int
    /// The earliest time a queued or claimed mail falls due.
    func nextMailDue() async throws -> Timestamp?
    func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws
    func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws
    func markMailFailed(_ mail: QueuedMail, error: String) async throws
    /// Every mail, oldest first.
    func outbox() async throws -> [OutboxEntry]
}

extension AppDatabase: MailOutboxStore {}
