import GRDB
import SeminarCore

/// The console's view of the outbox: the newest mails with their state, and retrying failed ones.
extension AppDatabase {
    /// A failed mail may go again when its text is still there (not a kind whose one-time link is wiped).
    package static let retryable = "status = 'failed' AND kind NOT IN (\(MailKind.allCases.filter(\.carriesSecret).map { "'\($0.rawValue)'" }.joined(separator: ", ")))"

    /// The newest `limit` mails (of `status`: queued also lists those being sent), and the counts by status.
    public func outboxReport(status: String?, limit: Int) async throws -> OutboxReport {
        try await writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status") {
                let status: String = row["status"]
                counts[status == "sending" ? "queued" : status, default: 0] += row["n"] as Int
            }
            var filter = ""
            var arguments: StatementArguments = []
            if let status {
                filter = status == "queued" ? "WHERE status IN ('queued', 'sending')" : "WHERE status = ?"
                if status != "queued" { arguments = [status] }
            }
            arguments += [limit]
            let mails = try Row.fetchAll(db, sql: """
                SELECT id, kind, recipient, subject, status, attempts, last_error, created_at, sent_at, (\(Self.retryable)) AS retryable
                FROM mail_outbox \(filter) ORDER BY id DESC LIMIT ?
                """, arguments: arguments).map { row in
                let status: String = row["status"]
                return OutboxReport.Mail(id: row["id"], kind: row["kind"], recipient: row["recipient"], subject: row["subject"],
                                      status: status == "sending" ? "queued" : status, attempts: row["attempts"], error: row["last_error"],
                                      createdAt: Timestamp(milliseconds: row["created_at"]),
                                      sentAt: (row["sent_at"] as Int64?).map { Timestamp(milliseconds: $0) }, retryable: row["retryable"])
            }
            return OutboxReport(queued: counts["queued"] ?? 0, sent: counts["sent"] ?? 0, failed: counts["failed"] ?? 0, mails: mails)
        }
    }

    /// Queues failed mails again, due now with their attempts counted afresh: one (`id`), or every retryable one.
    /// A mail that is not failed, or whose text was wiped, is refused (nothing written).
    public func retryFailedMails(id: MailID?, by actor: UserID, now: Timestamp) async throws -> Int {
        try await writer.write { db in
            if let id {
                guard let row = try Row.fetchOne(db, sql: "SELECT status, (\(Self.retryable)) AS retryable FROM mail_outbox WHERE id = ?", arguments: [id]) else {
                    throw DomainError(.notFound, "No mail \(id)", field: "id")
                }
                try OutboxRules.mayRetry(status: row["status"], retryable: row["retryable"])
            }
            try db.execute(sql: "UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE \(Self.retryable)\(id == nil ? "" : " AND id = ?")",
                           arguments: id.map { [now.milliseconds, $0] } ?? [now.milliseconds])
            let count = db.changesCount
            try Self.audit(db, actor: actor, action: "POST /api/admin/outbox/retry", target: id.map { "mail \($0)" } ?? "every failed mail",
                           detail: "queued \(count)", now: now)
            return count
        }
    }
}
