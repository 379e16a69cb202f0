import Foundation
import GRDB
import SeminarCore

/// A mail the sender has claimed: what to send, and how many attempts it has had (this one included).
public struct QueuedMail: Sendable, Equatable {
    /// What any store reads back from its outbox row.
    public init(id: MailID, kind: MailKind, recipient: String, fromName: String, subject: String, text: String, html: String, headers: [MailHeader],
                attachments: [MailAttachment], createdAt: Timestamp, attempts: Int) {
        self.id = id
        self.kind = kind
        self.recipient = recipient
        self.fromName = fromName
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.attachments = attachments
        self.createdAt = createdAt
        self.attempts = attempts
    }

    public let id: MailID
    public let kind: MailKind
    public let recipient: String
    public let fromName: String
    public let subject: String
    public let text: String
    public let html: String
    public let headers: [MailHeader]
    public let attachments: [MailAttachment]
    public let createdAt: Timestamp
    public let attempts: Int
}

/// One row of the outbox as the tests and (later) the console's outbox view see it.
public struct OutboxEntry: Sendable, Equatable {
    /// What any store reads back from its outbox row.
    public init(id: MailID, kind: String, recipient: String, status: String, attempts: Int, nextAttemptAt: Timestamp, lastError: String?) {
        self.id = id
        self.kind = kind
        self.recipient = recipient
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
    }

    public let id: MailID
    public let kind: String
    public let recipient: String
    public let status: String
    public let attempts: Int
    public let nextAttemptAt: Timestamp
    public let lastError: String?
}

extension AppDatabase {
    /// Enqueues `mail` inside the caller's transaction: it is sent only if that transaction commits. A mail of a
    /// topic its recipient turned off, or to an address no mail can reach, is not enqueued.
    /// True when it was queued.
    @discardableResult
    static func enqueueMail(_ db: Database, _ mail: OutboxMail, now: Timestamp) throws -> Bool {
        guard OutboxMail.deliverable(mail.recipient) else { return false }
        if let topic = mail.kind.topic, let user = mail.userID, try !mailPreferences(db, user).isOn(topic) { return false }
        let headers = String(decoding: try JSONEncoder().encode(mail.headers), as: UTF8.self)
        let attachments = String(decoding: try JSONEncoder().encode(mail.attachments), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO mail_outbox(kind, recipient, user_id, lang, from_name, subject, body_text, body_html, headers, attachments, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [mail.kind.rawValue, mail.recipient, mail.userID?.rawValue, mail.language.rawValue, mail.fromName,
                                     mail.content.subject, mail.content.text, mail.content.html, headers, attachments, now.milliseconds, now.milliseconds])
        return true
    }

    /// Puts back in the queue every mail a previous process claimed and never confirmed (one sender per data folder:
    /// at start-up, every `sending` mail is one whose send was interrupted).
    public func releaseMailClaims(now: Timestamp) async throws -> Int {
        try await writer.write { db in
            try db.cachedStatement(sql: "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ? WHERE status = 'sending'")
                .execute(arguments: [now.milliseconds])
            return db.changesCount
        }
    }

    /// Claims up to `limit` due mails (queued and due, or claimed by a sender whose lease ran out) for `leaseSeconds`,
    /// counting an attempt for each, in the order they fell due.
    public func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail] {
        try await writer.write { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM mail_outbox WHERE status IN ('queued', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                """), arguments: [now.milliseconds, limit])
            var mails: [QueuedMail] = []
            for row in rows {
                let id: Int64 = row["id"]
                let previous: Int = row["attempts"]
                let attempts = previous + 1
                try db.cachedStatement(sql: "UPDATE mail_outbox SET status = 'sending', attempts = ?, next_attempt_at = ? WHERE id = ?")
                    .execute(arguments: [attempts, now.adding(seconds: Int64(leaseSeconds)).milliseconds, id])
                let kind = MailKind(rawValue: row["kind"]) ?? .passwordReset
                let headersJSON: String = row["headers"]
                let headers = (try? JSONDecoder().decode([MailHeader].self, from: Data(headersJSON.utf8))) ?? []
                let attachmentsJSON: String = row["attachments"]
                let attachments = (try? JSONDecoder().decode([MailAttachment].self, from: Data(attachmentsJSON.utf8))) ?? []
                mails.append(QueuedMail(id: MailID(id), kind: kind, recipient: row["recipient"], fromName: row["from_name"], subject: row["subject"],
                                        text: row["body_text"], html: row["body_html"], headers: headers, attachments: attachments,
                                        createdAt: Timestamp(milliseconds: row["created_at"]), attempts: attempts))
            }
            return mails
        }
    }

    /// The earliest time a queued (or claimed) mail falls due, if any.
    public func nextMailDue() async throws -> Timestamp? {
        try await writer.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT MIN(next_attempt_at) FROM mail_outbox WHERE status IN ('queued', 'sending')"))
                .map(Timestamp.init(milliseconds:))
        }
    }

    /// The relay accepted the mail. Bodies that carry a secret are wiped. Only while the claim is still `mail`'s (its
    /// attempt): a claim that ran out and was taken again belongs to the new one.
    public func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws {
        try await writer.write { db in
            let wipe = mail.kind.carriesSecret ? ", body_text = '', body_html = ''" : ""
            try db.execute(sql: """
                UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = NULL\(wipe) WHERE id = ? AND status = 'sending' AND attempts = ?
                """, arguments: [now.milliseconds, mail.id, mail.attempts])
        }
    }

    /// Not delivered this time: back in the queue until `at`.
    public func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: """
                UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending' AND attempts = ?
                """).execute(arguments: [at.milliseconds, String(error.prefix(500)), mail.id, mail.attempts])
        }
    }

    /// Given up (a permanent refusal, or too many attempts). Bodies that carry a secret are wiped.
    public func markMailFailed(_ mail: QueuedMail, error: String) async throws {
        try await writer.write { db in
            let wipe = mail.kind.carriesSecret ? ", body_text = '', body_html = ''" : ""
            try db.execute(sql: """
                UPDATE mail_outbox SET status = 'failed', last_error = ?\(wipe) WHERE id = ? AND status = 'sending' AND attempts = ?
                """, arguments: [String(error.prefix(500)), mail.id, mail.attempts])
        }
    }

    /// Queues `mail` on its own, as ``enqueueMail(_:_:now:)`` does inside a change's transaction.
    @discardableResult
    public func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool {
        try await writer.write { db in try Self.enqueueMail(db, mail, now: now) }
    }

    /// The outbox, oldest first.
    public func outbox() async throws -> [OutboxEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mail_outbox ORDER BY id").map { row in
                OutboxEntry(id: row["id"], kind: row["kind"], recipient: row["recipient"], status: row["status"], attempts: row["attempts"],
                            nextAttemptAt: Timestamp(milliseconds: row["next_attempt_at"]), lastError: row["last_error"])
            }
        }
    }
}
