import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Announcements waiting for their time and a topic's snapshot for a subscriber, in PostgreSQL (the cluster's
/// ``ScheduledAnnouncementStore``). A cancel locks the announcement's row, so it and a node publishing it at that moment
/// (which skips locked rows) do not both happen to it.
extension PostgresAnnouncements: ScheduledAnnouncementStore {
    public func scheduledAnnouncements() async throws -> [Announcement] {
        let logger = logger
        return try await context.read { connection in
            var waiting: [Announcement] = []
            for try await (id, text, level, lang, authorID, authorName, createdAt, expiresAt, publishAt) in try await connection.query("""
                SELECT a.id, a.text, a.level, a.lang, a.author_id, u.display_name, a.created_at, a.expires_at, a.publish_at
                FROM announcements a JOIN users u ON u.id = a.author_id WHERE a.seq = 0 AND a.publish_at IS NOT NULL ORDER BY a.publish_at, a.id
                """, logger: logger).decode((AnnouncementID, String, String, String?, Int64, String, Int64, Int64?, Int64?).self) {
                waiting.append(Announcement(id: id, seq: 0, text: text, level: level, author: Author(id: UserID(authorID), displayName: authorName),
                                            at: Timestamp(milliseconds: createdAt), publishAt: publishAt.map(Timestamp.init(milliseconds:)),
                                            expiresAt: expiresAt.map(Timestamp.init(milliseconds:)), lang: lang.flatMap(Language.init(rawValue:))))
            }
            return waiting
        }
    }

    public func cancelAnnouncement(id: AnnouncementID, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            guard let seq = try await connection.value("SELECT seq FROM announcements WHERE id = \(id.rawValue) FOR UPDATE", as: Int64.self, logger: logger) else {
                throw DomainError(.notFound, "No announcement \(id)", field: "id")
            }
            if seq == 0 {
                try await connection.query("DELETE FROM announcements WHERE id = \(id.rawValue)", logger: logger)
                return
            }
            try await connection.query("UPDATE announcements SET expires_at = \(now.milliseconds) WHERE id = \(id.rawValue)", logger: logger)
            appended.append(try await context.append(.announcementExpired(id: id), to: .seminar, at: now, on: connection))
        }
    }

    /// The snapshot and the events after `since` come from one snapshot of the database, so nothing falls between them.
    public func subscription(topic: Topic, since: Int64?, now: Timestamp, deskAgents: Int) async throws -> (snapshot: TopicSnapshot, replay: Replay) {
        let logger = logger
        return try await context.read { connection in
            let replay = if let since {
                try await PostgresEventLog.replay(topic: topic, since: since, on: connection, logger: logger)
            } else {
                Replay(latestSeq: try await PostgresEventLog.latestSeq(topic: topic, on: connection, logger: logger), events: [])
            }
            let snapshot: TopicSnapshot
            switch topic {
            case .seminar: snapshot = .seminar(try await PostgresProgram.seminarState(now: now, on: connection, logger: logger))
            case .desk: snapshot = .desk(try await PostgresDesk.queue(agents: deskAgents, on: connection, logger: logger), agentsOnline: deskAgents)
            case .feed:
                let ids = try await connection.values("SELECT id FROM posts ORDER BY id DESC LIMIT 21", as: PostID.self, logger: logger)
                snapshot = .feed(FeedPage(posts: try await PostgresFeed.posts(Array(ids.prefix(20)), on: connection, logger: logger), more: ids.count > 20))
            default: snapshot = .none
            }
            return (snapshot, replay)
        }
    }
}
