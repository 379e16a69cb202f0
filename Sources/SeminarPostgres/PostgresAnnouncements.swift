import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Organisers' announcements in PostgreSQL (the cluster's ``AnnouncementStore``): published on `seminar` now, or
/// later by whichever node's clock finds them due. Publishing takes the due rows with `FOR UPDATE SKIP LOCKED`, so
/// two nodes publishing at once publish each announcement once, and a mailed one is queued once per person.
public final class PostgresAnnouncements: AnnouncementStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Published now (its event's seq), or later (seq 0) when it has a `publishAt`; with `mail`, mailed when published.
    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                         mail: AnnouncementMail.Composer?) async throws -> Created {
        let (logger, context) = (logger, context)
        let made = try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.announce.rawValue, now: now, on: connection, logger: logger) {
                guard let id = try await connection.value("""
                    INSERT INTO announcements(author_id, text, level, lang, seq, created_at, expires_at, publish_at, by_mail)
                    VALUES (\(author.id.rawValue), \(announcement.text), \(announcement.level.rawValue), \(announcement.lang.rawValue), 0,
                            \(now.milliseconds), \(announcement.expiresAt?.milliseconds), \(announcement.publishAt?.milliseconds), \(announcement.byMail))
                    RETURNING id
                    """, as: AnnouncementID.self, logger: logger)
                else { throw DomainError(.internal, "an announcement was not stored") }
                guard announcement.publishAt == nil else { return Announced(announcementId: id, seq: 0) }
                let event = try await Self.publish(id, now: now, mail: mail, context: context, on: connection)
                appended.append(event)
                return Announced(announcementId: id, seq: event.seq)
            }
        }
        return Created(id: made.announcementId.rawValue, seq: made.seq)
    }

    @discardableResult
    public func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer?) async throws -> Int {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            let due = try await connection.values("""
                SELECT id FROM announcements WHERE seq = 0 AND publish_at <= \(now.milliseconds) ORDER BY publish_at, id FOR UPDATE SKIP LOCKED
                """, as: AnnouncementID.self, logger: logger)
            for id in due { appended.append(try await Self.publish(id, now: now, mail: mail, context: context, on: connection)) }
            return due.count
        }
    }

    /// `announcement` on `seminar`, its seq kept on the row; with `mail` and `by_mail`, a mail to everyone (those who
    /// turned announcements off excepted, by the outbox).
    static func publish(_ id: AnnouncementID, now: Timestamp, mail: AnnouncementMail.Composer?, context: AggregateContext,
                        on connection: PostgresConnection) async throws -> StoredEvent {
        let logger = context.logger
        var found: (announcement: Announcement, byMail: Bool)?
        for try await (text, level, lang, authorID, authorName, expiresAt, publishAt, byMail) in try await connection.query("""
            SELECT a.text, a.level, a.lang, a.author_id, u.display_name, a.expires_at, a.publish_at, a.by_mail
            FROM announcements a JOIN users u ON u.id = a.author_id WHERE a.id = \(id)
            """, logger: logger).decode((String, String, String?, Int64, String, Int64?, Int64?, Bool).self) {
            found = (Announcement(id: id, seq: 0, text: text, level: level, author: Author(id: UserID(authorID), displayName: authorName), at: now,
                                  publishAt: publishAt.map(Timestamp.init(milliseconds:)), expiresAt: expiresAt.map(Timestamp.init(milliseconds:)),
                                  lang: lang.flatMap(Language.init(rawValue:))), byMail)
        }
        guard let (announcement, byMail) = found else { throw DomainError(.notFound, "No announcement \(id)") }
        let event = try await context.append(.announced(announcement), to: .seminar, at: now, on: connection)
        try await connection.query("UPDATE announcements SET seq = \(event.seq), created_at = \(now.milliseconds) WHERE id = \(id)", logger: logger)
        if let mail, byMail {
            let facts = AnnouncementMail.Facts(text: announcement.text, level: AnnouncementLevel(rawValue: announcement.level) ?? .info,
                                               author: announcement.author.displayName)
            let seminar = try await PostgresMailOutbox.seminar(on: connection, logger: logger)
            var people: [MailPerson] = []
            for try await (person, email, name, locale) in try await connection.query("SELECT id, email, display_name, locale FROM users ORDER BY id",
                                                                                      logger: logger).decode((Int64, String, String, String).self) {
                people.append(MailPerson(id: UserID(person), email: email, name: name, language: Language(rawValue: locale) ?? .en))
            }
            for person in people { _ = try await PostgresMailOutbox.enqueue(mail(person, facts, seminar), now: now, on: connection, logger: logger) }
        }
        return event
    }
}
