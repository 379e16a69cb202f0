import Foundation
import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The mail outbox in PostgreSQL (the cluster's ``MailOutboxStore``): every node runs a sender on the one outbox, and
/// each claim takes its rows with `FOR UPDATE SKIP LOCKED`, so senders claiming at once never share a mail; a claim
/// whose lease ran out (its node died mid-send) is claimed again by whichever sender comes next, and a late sender's
/// mark is ignored once its claim was taken (the row's `attempts` names the claim).
public final class PostgresMailOutbox: MailOutboxStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    @discardableResult
    public func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in try await Self.enqueue(mail, now: now, on: connection, logger: logger) }
    }

    /// Queues `mail` in the caller's transaction (it is sent only if that commits): not for an address no mail reaches,
    /// nor a kind its person turned off.
    static func enqueue(_ mail: OutboxMail, now: Timestamp, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        guard OutboxMail.deliverable(mail.recipient) else { return false }
        if let topic = mail.kind.topic, let user = mail.userID {
            var off = Set<MailTopic>()
            for try await name in try await connection.query("SELECT topic FROM mail_preferences WHERE user_id = \(user.rawValue)", logger: logger)
                .decode(String.self) {
                if let topic = MailTopic(rawValue: name) { off.insert(topic) }
            }
            guard MailPreferences(off: off).isOn(topic) else { return false }
        }
        let headers = String(decoding: try JSONEncoder().encode(mail.headers), as: UTF8.self)
        let attachments = String(decoding: try JSONEncoder().encode(mail.attachments), as: UTF8.self)
        try await connection.query("""
            INSERT INTO mail_outbox(kind, recipient, user_id, lang, from_name, subject, body_text, body_html, headers, attachments, created_at,
                                    next_attempt_at)
            VALUES (\(mail.kind.rawValue), \(mail.recipient), \(mail.userID?.rawValue), \(mail.language.rawValue), \(mail.fromName),
                    \(mail.content.subject), \(mail.content.text), \(mail.content.html), \(headers), \(attachments), \(now.milliseconds),
                    \(now.milliseconds))
            """, logger: logger)
        return true
    }

    public func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail] {
        let logger = database.logger
        let lease = now.adding(seconds: Int64(leaseSeconds)).milliseconds
        return try await database.transaction { connection in
            let rows = try await connection.query("""
                UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = \(lease)
                WHERE id IN (SELECT id FROM mail_outbox WHERE status IN ('queued', 'sending') AND next_attempt_at <= \(now.milliseconds)
                             ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING id, kind, recipient, from_name, subject, body_text, body_html, headers, attachments, created_at, attempts
                """, logger: logger)
            var mails: [QueuedMail] = []
            for try await (id, kind, recipient, fromName, subject, text, html, headers, attachments, createdAt, attempts) in rows.decode(
                (Int64, String, String, String, String, String, String, String, String, Int64, Int).self) {
                mails.append(QueuedMail(id: MailID(id), kind: MailKind(rawValue: kind) ?? .passwordReset, recipient: recipient, fromName: fromName,
                                        subject: subject, text: text, html: html,
                                        headers: (try? JSONDecoder().decode([MailHeader].self, from: Data(headers.utf8))) ?? [],
                                        attachments: (try? JSONDecoder().decode([MailAttachment].self, from: Data(attachments.utf8))) ?? [],
                                        createdAt: Timestamp(milliseconds: createdAt), attempts: attempts))
            }
            // RETURNING gives no order: the claims in the order they fell due.
            return mails.sorted { $0.id < $1.id }
        }
    }

    /// None: the other nodes' claims are live, and a dead node's come back when their lease runs out.
    public func releaseMailClaims(now: Timestamp) async throws -> Int { 0 }

    public func nextMailDue() async throws -> Timestamp? {
        let logger = database.logger
        return try await database.transaction { connection in
            var due: Int64?
            for try await next in try await connection.query(
                "SELECT MIN(next_attempt_at) FROM mail_outbox WHERE status IN ('queued', 'sending')", logger: logger).decode(Int64?.self) {
                due = next
            }
            return due.map(Timestamp.init(milliseconds:))
        }
    }

    public func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws {
        try await update(mail, mail.kind.carriesSecret
            ? "UPDATE mail_outbox SET status = 'sent', sent_at = \(now.milliseconds), last_error = NULL, body_text = '', body_html = ''"
            : "UPDATE mail_outbox SET status = 'sent', sent_at = \(now.milliseconds), last_error = NULL")
    }

    public func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws {
        try await update(mail, "UPDATE mail_outbox SET status = 'queued', next_attempt_at = \(at.milliseconds), last_error = \(String(error.prefix(500)))")
    }

    public func markMailFailed(_ mail: QueuedMail, error: String) async throws {
        let reason = String(error.prefix(500))
        try await update(mail, mail.kind.carriesSecret
            ? "UPDATE mail_outbox SET status = 'failed', last_error = \(reason), body_text = '', body_html = ''"
            : "UPDATE mail_outbox SET status = 'failed', last_error = \(reason)")
    }

    /// `change` on the mail's row while the claim is still `mail`'s.
    private func update(_ mail: QueuedMail, _ change: PostgresQuery) async throws {
        let logger = database.logger
        var query = change
        query.sql += " WHERE id = $\(query.binds.count + 1) AND status = 'sending' AND attempts = $\(query.binds.count + 2)"
        query.binds.append(mail.id)
        query.binds.append(mail.attempts)
        try await database.transaction { connection in
            _ = try await connection.query(query, logger: logger)
        }
    }

    public func outbox() async throws -> [OutboxEntry] {
        let logger = database.logger
        return try await database.transaction { connection in
            var entries: [OutboxEntry] = []
            for try await (id, kind, recipient, status, attempts, next, error) in try await connection.query(
                "SELECT id, kind, recipient, status, attempts, next_attempt_at, last_error FROM mail_outbox ORDER BY id", logger: logger)
                .decode((Int64, String, String, String, Int, Int64, String?).self) {
                entries.append(OutboxEntry(id: MailID(id), kind: kind, recipient: recipient, status: status, attempts: attempts,
                                           nextAttemptAt: Timestamp(milliseconds: next), lastError: error))
            }
            return entries
        }
    }
}

/// What a mail composer reads of the seminar and of the person it writes to, in the use case's transaction.
extension PostgresMailOutbox {
    static func person(_ id: UserID, on connection: PostgresConnection, logger: Logger) async throws -> MailPerson {
        var person: MailPerson?
        for try await (email, name, locale) in try await connection.query(
            "SELECT email, display_name, locale FROM users WHERE id = \(id.rawValue)", logger: logger).decode((String, String, String).self) {
            person = MailPerson(id: id, email: email, name: name, language: Language(rawValue: locale) ?? .en)
        }
        guard let person else { throw DomainError(.notFound, "No person \(id)") }
        return person
    }

    /// The seminar's name and dates (none before a program is loaded).
    static func seminar(on connection: PostgresConnection, logger: Logger) async throws -> MailSeminar {
        var seminar = MailSeminar(name: nil, startsAt: nil, endsAt: nil, timeZone: "UTC")
        for try await (name, timeZone, startsAt, endsAt) in try await connection.query(
            "SELECT name, time_zone, starts_at, ends_at FROM seminar WHERE id = 1", logger: logger).decode((String, String, Int64, Int64).self) {
            seminar = MailSeminar(name: try? ColumnJSON.decode(name), startsAt: Timestamp(milliseconds: startsAt), endsAt: Timestamp(milliseconds: endsAt),
                                  timeZone: timeZone)
        }
        return seminar
    }
}
