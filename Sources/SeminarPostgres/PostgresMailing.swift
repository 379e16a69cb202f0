import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Mail seen from the console and from each person, in PostgreSQL (the cluster's ``MailingStore``): invitations and their
/// resending, the outbox report and retries, the morning digests, mail preferences and the server's keys. What two nodes
/// could do at once ends as one: a resend locks its people's rows (one live link each), a retry its mail's row, a digest
/// day and a key are primary keys.
public final class PostgresMailing: MailingStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// The latest invitation of each invited person (newest first, at most `limit`), and the counts by status.
    public func invitations(limit: Int) async throws -> InvitationReport {
        let logger = logger
        return try await context.read { connection in
            let latest = "m.kind = 'invitation' AND m.id = (SELECT MAX(id) FROM mail_outbox WHERE user_id = m.user_id AND kind = 'invitation')"
            var counts: [String: Int] = [:]
            for try await (status, n) in try await connection.query("""
                SELECT m.status, COUNT(*) FROM mail_outbox m WHERE \(unescaped: latest) GROUP BY m.status
                """, logger: logger).decode((String, Int).self) {
                counts[status == "sending" ? "queued" : status, default: 0] += n
            }
            var people: [InvitationReport.Invited] = []
            for try await (id, email, name, status, attempts, error, createdAt, signedIn) in try await connection.query("""
                SELECT u.id, u.email, u.display_name, m.status, m.attempts, m.last_error, m.created_at, NOT (\(unescaped: AppDatabase.neverSignedIn))
                FROM mail_outbox m JOIN users u ON u.id = m.user_id WHERE \(unescaped: latest) ORDER BY m.id DESC LIMIT \(limit)
                """, logger: logger).decode((Int64, String, String, String, Int, String?, Int64, Bool).self) {
                people.append(InvitationReport.Invited(userId: id, email: email, displayName: name, status: status == "sending" ? "queued" : status,
                                                       attempts: attempts, error: error, queuedAt: Timestamp(milliseconds: createdAt), signedIn: signedIn))
            }
            let never = try await connection.value("SELECT COUNT(*) FROM users u WHERE \(unescaped: AppDatabase.invitedNeverSignedIn)", as: Int.self,
                                                   logger: logger) ?? 0
            return InvitationReport(queued: counts["queued"] ?? 0, sent: counts["sent"] ?? 0, failed: counts["failed"] ?? 0,
                                    neverSignedIn: never, people: people)
        }
    }

    /// Sends a new invitation to `userId`, or (nil) to everyone invited who never signed in, in one transaction: each gets a
    /// new one-time link by mail and their earlier links stop working. Refused (nothing written) for a person who
    /// has signed in. Each person's row is locked first, so two resends at once (two organisers, two nodes) leave one
    /// live link: the second waits, then ends the first's link.
    public func resendInvitations(to userId: Int64?, newToken: @Sendable () -> (token: String, hash: [UInt8]), linkHours: Int, by actor: UserID,
                                  now: Timestamp, compose: InvitationMail.Composer) async throws -> Int {
        let logger = logger
        return try await context.write { connection, _ in
            let chosen: [Int64]
            if let userId {
                chosen = try await connection.values("SELECT id FROM users WHERE id = \(userId) FOR UPDATE", as: Int64.self, logger: logger)
            } else {
                chosen = try await connection.values("""
                    SELECT u.id FROM users u WHERE \(unescaped: AppDatabase.invitedNeverSignedIn) ORDER BY u.id LIMIT \(ParticipantImport.maxPeople)
                    FOR UPDATE OF u
                    """, as: Int64.self, logger: logger)
            }
            // Read after the locks: what the resends and sign-ins before this one committed.
            var rows: [(id: Int64, email: String, name: String, locale: String, never: Bool)] = []
            for id in chosen {
                for try await row in try await connection.query("""
                    SELECT u.id, u.email, u.display_name, u.locale, \(unescaped: AppDatabase.neverSignedIn) FROM users u WHERE u.id = \(id)
                    """, logger: logger).decode((Int64, String, String, String, Bool).self) where userId != nil || row.4 {
                    rows.append(row)
                }
            }
            if let userId {
                guard let row = rows.first else { throw DomainError(.notFound, "No person \(userId)", field: "userId") }
                try OutboxRules.mayResendInvitation(to: row.email, neverSignedIn: row.never)
            }
            let seminar = try await PostgresMailOutbox.seminar(on: connection, logger: logger)
            let expires = now.adding(seconds: Int64(linkHours) * 3600)
            for row in rows {
                try await connection.query("""
                    UPDATE signin_links SET expires_at = \(now.milliseconds) WHERE user_id = \(row.id) AND used_at IS NULL AND expires_at > \(now.milliseconds)
                    """, logger: logger)
                let token = newToken()
                let invitee = InvitationMail.Invitee(userID: UserID(row.id), email: row.email, name: row.name, language: Language(rawValue: row.locale) ?? .en,
                                                     token: token.token, expiresAt: expires)
                try await PostgresConsole.insertSignInLink(invitee, tokenHash: token.hash, now: now, on: connection, logger: logger)
                _ = try await PostgresMailOutbox.enqueue(compose(invitee, seminar), now: now, on: connection, logger: logger)
            }
            try await PostgresConsole.audit(actor: actor, action: "POST /api/admin/invitations/resend",
                                            target: userId.map { "person \($0)" } ?? "everyone who never signed in", detail: "queued \(rows.count)",
                                            now: now, on: connection, logger: logger)
            return rows.count
        }
    }
}
