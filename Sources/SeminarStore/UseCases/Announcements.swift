import GRDB
import SeminarCore

extension AppDatabase {
    /// Stores an announcement and its `announcement` event on topic `seminar`, in one transaction; a scheduled one
    /// waits for ``publishDueAnnouncements(now:)`` (its reply's seq is 0).
    /// One `byMail` is mailed, when published, to everyone who did not turn announcements off (by `mail`).
    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                         mail: AnnouncementMail.Composer? = nil) async throws -> Created {
        try await writer.write { db in
            let made = try Self.idempotent(db, user: author.id, key: key, type: MessageType.announce.rawValue, now: now) {
                try db.execute(sql: """
                    INSERT INTO announcements(author_id, text, level, lang, seq, created_at, expires_at, publish_at, by_mail) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                    """, arguments: [author.id.rawValue, announcement.text, announcement.level.rawValue, announcement.lang.rawValue, now.milliseconds,
                                     announcement.expiresAt?.milliseconds, announcement.publishAt?.milliseconds, announcement.byMail])
                let id = AnnouncementID(db.lastInsertedRowID)
                guard announcement.publishAt == nil else { return Announced(announcementId: id, seq: 0) }
                return Announced(announcementId: id, seq: try self.publishAnnouncement(db, id: id, now: now, mail: mail))
            }
            return Created(id: made.announcementId.rawValue, seq: made.seq)
        }
    }

    /// Publishes the scheduled announcements whose time has come; returns how many.
    @discardableResult
    public func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer? = nil) async throws -> Int {
        try await writer.write { db in
            let due = try AnnouncementID.fetchAll(db.cachedStatement(sql: "SELECT id FROM announcements WHERE seq = 0 AND publish_at <= ? ORDER BY publish_at, id"),
                                         arguments: [now.milliseconds])
            for id in due { _ = try self.publishAnnouncement(db, id: id, now: now, mail: mail) }
            return due.count
        }
    }

    /// The announcements still waiting for their time.
    public func scheduledAnnouncements() async throws -> [Announcement] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.*, u.display_name FROM announcements a JOIN users u ON u.id = a.author_id
                WHERE a.seq = 0 AND a.publish_at IS NOT NULL ORDER BY a.publish_at, a.id
                """)).map(Self.announcement)
        }
    }

    /// Drops a scheduled announcement, or makes a published one expire now (`announcement.expired`).
    public func cancelAnnouncement(id: AnnouncementID, now: Timestamp) async throws {
        try await writer.write { db in
            guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM announcements WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "No announcement \(id)", field: "id")
            }
            if seq == 0 {
                try db.cachedStatement(sql: "DELETE FROM announcements WHERE id = ?").execute(arguments: [id])
                return
            }
            try db.cachedStatement(sql: "UPDATE announcements SET expires_at = ? WHERE id = ?").execute(arguments: [now.milliseconds, id])
            _ = try self.append(db, topic: .seminar, .announcementExpired(id: id), at: now)
        }
    }

    private func publishAnnouncement(_ db: Database, id: AnnouncementID, now: Timestamp, mail: AnnouncementMail.Composer?) throws -> Int64 {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.*, u.display_name FROM announcements a JOIN users u ON u.id = a.author_id WHERE a.id = ?
            """), arguments: [id]) else { throw DomainError(.notFound, "No announcement \(id)") }
        let published = Self.announcement(row)
        let announcement = Announcement(id: id, seq: 0, text: published.text, level: published.level, author: published.author, at: now,
                                        publishAt: published.publishAt, expiresAt: published.expiresAt, lang: published.lang)
        let event = try append(db, topic: .seminar, .announced(announcement), at: now)
        try db.cachedStatement(sql: "UPDATE announcements SET seq = ?, created_at = ? WHERE id = ?").execute(arguments: [event.seq, now.milliseconds, id])
        if let mail, row["by_mail"] as Bool {
            let facts = AnnouncementMail.Facts(text: row["text"], level: AnnouncementLevel(rawValue: row["level"]) ?? .info, author: row["display_name"])
            let seminar = try Self.mailSeminar(db)
            for person in try Row.fetchAll(db, sql: "SELECT id, email, display_name, locale FROM users ORDER BY id") {
                let recipient = MailPerson(id: UserID(person["id"] as Int64), email: person["email"], name: person["display_name"],
                                           language: Language(rawValue: person["locale"]) ?? .en)
                try Self.enqueueMail(db, mail(recipient, facts, seminar), now: now)
            }
        }
        return event.seq
    }

    /// An announcement read with its author's name (`display_name`); its language is nil (unknown) for rows older than
    /// the column.
    private static func announcement(_ row: Row) -> Announcement {
        Announcement(id: row["id"], seq: row["seq"], text: row["text"], level: row["level"], author: Author(id: row["author_id"], displayName: row["display_name"]),
                     at: Timestamp(milliseconds: row["created_at"]), publishAt: (row["publish_at"] as Int64?).map { Timestamp(milliseconds: $0) },
                     expiresAt: (row["expires_at"] as Int64?).map { Timestamp(milliseconds: $0) },
                     lang: (row["lang"] as String?).flatMap(Language.init(rawValue:)))
    }

    /// The `seminar` topic's state: the latest announcements (oldest first) and what is on now.
    static func seminarState(_ db: Database, now: Timestamp, limit: Int = 20) throws -> SeminarState {
        let announcements = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.*, u.display_name FROM announcements a JOIN users u ON u.id = a.author_id
            WHERE a.seq > 0 AND (a.expires_at IS NULL OR a.expires_at > ?)
            ORDER BY a.seq DESC LIMIT ?
            """), arguments: [now.milliseconds, limit]).reversed().map(Self.announcement)
        return SeminarState(announcements: announcements, live: try liveSessions(db, now: now), channel: try channel(db, now: now))
    }

    /// A consistent snapshot of a topic plus, when `since` is given, the events after it (one read transaction).
    /// `deskAgents`: the agents watching the queue, for the `desk` snapshot's wait estimates.
    public func subscription(topic: Topic, since: Int64?, now: Timestamp, deskAgents: Int = 1) async throws -> (snapshot: TopicSnapshot, replay: Replay) {
        try await writer.read { db in
            let replay = try since.map { try Self.replay(db, topic: topic, since: $0) }
                ?? Replay(latestSeq: try Self.latestSeq(db, topic: topic), events: [])
            let snapshot: TopicSnapshot
            switch topic {
            case .seminar: snapshot = .seminar(try Self.seminarState(db, now: now))
            case .desk: snapshot = .desk(try Self.deskQueue(db, agents: deskAgents), agentsOnline: deskAgents)
            case .feed:
                let ids = try PostID.fetchAll(db.cachedStatement(sql: "SELECT id FROM posts ORDER BY id DESC LIMIT 21"))
                snapshot = .feed(FeedPage(posts: try Self.posts(db, ids: Array(ids.prefix(20))), more: ids.count > 20))
            default: snapshot = .none
            }
            return (snapshot, replay)
        }
    }
}

/// What an announcement's idempotency key keeps (as the `announce` reply was written: a key kept before reads the same).
/// Both stores keep it so.
package struct Announced: Codable, Sendable {
    package let announcementId: AnnouncementID
    package let seq: Int64

    package init(announcementId: AnnouncementID, seq: Int64) {
        self.announcementId = announcementId
        self.seq = seq
    }
}
