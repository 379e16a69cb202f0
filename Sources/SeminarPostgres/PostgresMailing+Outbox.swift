import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The console's view of the outbox: the newest mails with their state, and retrying failed ones.
extension PostgresMailing {
    /// The newest `limit` mails (of `status`: queued also lists those being sent), and the counts by status.
    public func outboxReport(status: String?, limit: Int) async throws -> OutboxReport {
        let logger = logger
        return try await context.read { connection in
            var counts: [String: Int] = [:]
            for try await (status, n) in try await connection.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status", logger: logger)
                .decode((String, Int).self) {
                counts[status == "sending" ? "queued" : status, default: 0] += n
            }
            let shown: [String]? = status.map { $0 == "queued" ? ["queued", "sending"] : [$0] }
            var mails: [OutboxReport.Mail] = []
            for try await row in try await connection.query("""
                SELECT id, kind, recipient, subject, status, attempts, last_error, created_at, sent_at, (\(unescaped: AppDatabase.retryable))
                FROM mail_outbox WHERE \(shown)::text[] IS NULL OR status = ANY(\(shown)::text[]) ORDER BY id DESC LIMIT \(limit)
                """, logger: logger).decode((MailID, String, String, String, String, Int, String?, Int64, Int64?, Bool).self) {
                let (id, kind, recipient, subject, status, attempts, error, createdAt, sentAt, retryable) = row
                mails.append(OutboxReport.Mail(id: id, kind: kind, recipient: recipient, subject: subject, status: status == "sending" ? "queued" : status,
                                               attempts: attempts, error: error, createdAt: Timestamp(milliseconds: createdAt),
                                               sentAt: sentAt.map { Timestamp(milliseconds: $0) }, retryable: retryable))
            }
            return OutboxReport(queued: counts["queued"] ?? 0, sent: counts["sent"] ?? 0, failed: counts["failed"] ?? 0, mails: mails)
        }
    }

    /// Queues failed mails again, due now with their attempts counted afresh: one (`id`), or every retryable one.
    /// A mail that is not failed, or whose text was wiped, is refused (nothing written); the one mail's row is locked
    /// for the check, so two retries of it at once queue it once and refuse the other.
    public func retryFailedMails(id: MailID?, by actor: UserID, now: Timestamp) async throws -> Int {
        let logger = logger
        return try await context.write { connection, _ in
            if let id {
                var found: (status: String, retryable: Bool)?
                for try await row in try await connection.query("""
                    SELECT status, (\(unescaped: AppDatabase.retryable)) FROM mail_outbox WHERE id = \(id) FOR UPDATE
                    """, logger: logger).decode((String, Bool).self) {
                    found = row
                }
                guard let found else { throw DomainError(.notFound, "No mail \(id)", field: "id") }
                try OutboxRules.mayRetry(status: found.status, retryable: found.retryable)
            }
            let count = try await connection.values("""
                UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = \(now.milliseconds)
                WHERE \(unescaped: AppDatabase.retryable) AND (\(id)::bigint IS NULL OR id = \(id)) RETURNING id
                """, as: MailID.self, logger: logger).count
            try await PostgresConsole.audit(actor: actor, action: "POST /api/admin/outbox/retry", target: id.map { "mail \($0)" } ?? "every failed mail",
                                            detail: "queued \(count)", now: now, on: connection, logger: logger)
            return count
        }
    }
}
