import GRDB
import SeminarCore
import SeminarProtocol

extension AppDatabase {
    /// Stores an announcement and its `announcement` event on topic `seminar`, in one transaction; a scheduled one
    /// waits for ``publishDueAnnouncements(now:)`` (its reply's seq is 0).
    /// One `byMail` is mailed, when published, to everyone who did not turn announcements off (by `mail`).
    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                         mail: AnnouncementMail.Composer? = nil) async throws -> AnnounceReply {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.announce.rawValue, now: now) {
                try db.execute(sql: """
                    INSERT INTO announcements(author_id, text, level, lang, seq, created_at, expires_at, publish_at, by_mail) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                    """, arguments: [author.id.rawValue, announcement.text, announcement.level.rawValue, announcement.lang.rawValue, now.milliseconds,
                                     announcement.expiresAt?.milliseconds, announcement.publishAt?.milliseconds, announcement.byMail])
                let id = db.lastInsertedRowID
                guard announcement.publishAt == nil else { return AnnounceReply(announcementId: id, seq: 0) }
                return AnnounceReply(announcementId: id, seq: try self.publishAnnouncement(db, id: id, now: now, mail: mail))
            }
        }
    }

    /// Publishes the scheduled announcements whose time has come; returns how many.
    @discardableResult
    public func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer? = nil) async throws -> Int {
        try await writer.write { db in
            let due = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM announcements WHERE seq = 0 AND publish_at <= ? ORDER BY publish_at, id"),
                                         arguments: [now.milliseconds])
            for id in due { _ = try self.publishAnnouncement(db, id: id, now: now, mail: mail) }
            return due.count
        }
    }

    /// The announcements still waiting for their time.
    public func scheduledAnnouncements() async throws -> [ScheduledAnnouncement] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM announcements WHERE seq = 0 AND publish_at IS NOT NULL ORDER BY publish_at, id")).map { row in
                ScheduledAnnouncement(id: row["id"], text: row["text"], level: row["level"],
                                      publishAt: Timestamp(milliseconds: row["publish_at"]).iso8601,
                                      expiresAt: (row["expires_at"] as Int64?).map { Timestamp(milliseconds: $0).iso8601 },
                                      lang: Self.language(row))
            }
        }
    }

    /// Drops a scheduled announcement, or makes a published one expire now (`announcement.expired`).
    public func cancelAnnouncement(id: Int64, now: Timestamp) async throws {
        try await writer.write { db in
            guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM announcements WHERE id = ?"), arguments: [id]) else {
                throw DomainError(.notFound, "No announcement \(id)", field: "id")
            }
            if seq == 0 {
                try db.cachedStatement(sql: "DELETE FROM announcements WHERE id = ?").execute(arguments: [id])
                return
            }
            try db.cachedStatement(sql: "UPDATE announcements SET expires_at = ? WHERE id = ?").execute(arguments: [now.milliseconds, id])
            let json = try Outgoing.json(AnnouncementExpired(id: id))
            _ = try self.append(db, topic: .seminar, type: "announcement.expired", at: now) { _ in json }
        }
    }

    private func publishAnnouncement(_ db: Database, id: Int64, now: Timestamp, mail: AnnouncementMail.Composer?) throws -> Int64 {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT a.*, u.display_name FROM announcements a JOIN users u ON u.id = a.author_id WHERE a.id = ?
            """), arguments: [id]) else { throw DomainError(.notFound, "No announcement \(id)") }
        let event = try append(db, topic: .seminar, type: "announcement", at: now) { seq in
            try Outgoing.json(AnnouncementView(
                id: id, seq: seq, text: row["text"], level: row["level"],
                author: AuthorView(id: row["author_id"], displayName: row["display_name"]), at: now.iso8601,
                expiresAt: (row["expires_at"] as Int64?).map { Timestamp(milliseconds: $0).iso8601 }, lang: Self.language(row)))
        }
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

    /// An announcement row's language; nil (unknown) for rows older than the column.
    private static func language(_ row: Row) -> Language? {
        (row["lang"] as String?).flatMap(Language.init(rawValue:))
    }

    /// The `seminar` topic's state: the latest announcements (oldest first) and what is on now.
    static func seminarSnapshot(_ db: Database, now: Timestamp, limit: Int = 20) throws -> SeminarSnapshot {
        let announcements = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.id, a.seq, a.text, a.level, a.lang, a.created_at, a.expires_at, u.id AS author_id, u.display_name
            FROM announcements a JOIN users u ON u.id = a.author_id
            WHERE a.seq > 0 AND (a.expires_at IS NULL OR a.expires_at > ?)
            ORDER BY a.seq DESC LIMIT ?
            """), arguments: [now.milliseconds, limit]).reversed().map { row in
            AnnouncementView(
                id: row["id"], seq: row["seq"], text: row["text"], level: row["level"],
                author: AuthorView(id: row["author_id"], displayName: row["display_name"]),
                at: Timestamp(milliseconds: row["created_at"]).iso8601,
                expiresAt: (row["expires_at"] as Int64?).map { Timestamp(milliseconds: $0).iso8601 }, lang: language(row))
        }
        return SeminarSnapshot(announcements: announcements, live: try liveSessions(db, now: now).map(LiveSessionView.init),
                               channel: try channel(db, now: now).map(ChannelView.init))
    }

    /// A consistent snapshot of a topic plus, when `since` is given, the events after it (one read transaction).
    /// `deskAgents`: the agents watching the queue, for the `desk` snapshot's wait estimates.
    public func subscription(topic: Topic, since: Int64?, now: Timestamp, deskAgents: Int = 1) async throws -> (snapshot: any Encodable & Sendable, replay: Replay) {
        try await writer.read { db in
            let replay = try since.map { try Self.replay(db, topic: topic, since: $0) }
                ?? Replay(latestSeq: try Self.latestSeq(db, topic: topic), events: [])
            let snapshot: any Encodable & Sendable
            switch topic {
            case .seminar: snapshot = try Self.seminarSnapshot(db, now: now)
            case .desk: snapshot = DeskQueueView(try Self.deskQueue(db, agents: deskAgents), agentsOnline: deskAgents)
            case .feed:
                let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM posts ORDER BY id DESC LIMIT 21"))
                snapshot = FeedListReply(posts: try Self.postSummaries(db, ids: Array(ids.prefix(20))), more: ids.count > 20)
            default: snapshot = EmptyPayload()
            }
            return (snapshot, replay)
        }
    }
}
