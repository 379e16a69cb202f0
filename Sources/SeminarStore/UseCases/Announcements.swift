import GRDB
import SeminarCore
import SeminarProtocol

extension AppDatabase {
    /// Stores an announcement and its `announcement` event on topic `seminar`, in one transaction.
    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp) async throws -> AnnounceReply {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.announce.rawValue, now: now) {
                try db.execute(
                    sql: "INSERT INTO announcements(author_id, text, level, seq, created_at) VALUES (?, ?, ?, 0, ?)",
                    arguments: [author.id.rawValue, announcement.text, announcement.level.rawValue, now.milliseconds])
                let id = db.lastInsertedRowID
                let event = try self.append(db, topic: .seminar, type: "announcement", at: now) { seq in
                    try Outgoing.json(AnnouncementView(
                        id: id, seq: seq, text: announcement.text, level: announcement.level.rawValue,
                        author: AuthorView(id: author.id.rawValue, displayName: author.displayName), at: now.iso8601))
                }
                try db.execute(sql: "UPDATE announcements SET seq = ? WHERE id = ?", arguments: [event.seq, id])
                return AnnounceReply(announcementId: id, seq: event.seq)
            }
        }
    }

    /// The `seminar` topic's state: the latest announcements (oldest first) and what is on now.
    static func seminarSnapshot(_ db: Database, now: Timestamp, limit: Int = 20) throws -> SeminarSnapshot {
        let announcements = try Row.fetchAll(db, sql: """
            SELECT a.id, a.seq, a.text, a.level, a.created_at, u.id AS author_id, u.display_name
            FROM announcements a JOIN users u ON u.id = a.author_id
            ORDER BY a.id DESC LIMIT ?
            """, arguments: [limit]).reversed().map { row in
            AnnouncementView(
                id: row["id"], seq: row["seq"], text: row["text"], level: row["level"],
                author: AuthorView(id: row["author_id"], displayName: row["display_name"]),
                at: Timestamp(milliseconds: row["created_at"]).iso8601)
        }
        return SeminarSnapshot(announcements: announcements, live: try liveSessions(db, now: now), channel: try channel(db, now: now))
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
            case .desk: snapshot = try Self.deskQueue(db, agents: deskAgents)
            case .feed:
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM posts ORDER BY id DESC LIMIT 21")
                snapshot = FeedListReply(posts: try ids.prefix(20).map { try Self.postSummary(db, id: $0) }, more: ids.count > 20)
            default: snapshot = EmptyPayload()
            }
            return (snapshot, replay)
        }
    }
}
