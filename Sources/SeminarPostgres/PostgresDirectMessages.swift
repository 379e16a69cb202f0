import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Direct messages' conversations, unread counts and read marks in PostgreSQL (the cluster's ``DirectMessageStore``;
/// sending and history are ``PostgresPeople``'s).
public final class PostgresDirectMessages: DirectMessageStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// The person's conversations, the latest first (50 at most), with the last message and the unread count;
    /// people blocked either way are left out.
    public func conversations(user: UserID) async throws -> [Conversation] {
        let logger = logger
        return try await context.read { connection in
            let blocked = try await PostgresPeople.blocked(around: user, on: connection, logger: logger)
            var conversations: [Conversation] = []
            for try await (other, name, text, at, unread) in try await connection.query("""
                WITH latest AS (
                    SELECT other, MAX(id) AS last_id FROM (
                        SELECT to_id AS other, id FROM direct_messages WHERE from_id = \(user.rawValue)
                        UNION ALL SELECT from_id AS other, id FROM direct_messages WHERE to_id = \(user.rawValue)
                    ) mine GROUP BY other ORDER BY last_id DESC LIMIT 60)
                SELECT latest.other, u.display_name, m.text, m.at,
                       (SELECT COUNT(*) FROM direct_messages d WHERE d.to_id = \(user.rawValue) AND d.from_id = latest.other AND NOT d.read)
                FROM latest JOIN direct_messages m ON m.id = latest.last_id JOIN users u ON u.id = latest.other
                ORDER BY latest.last_id DESC
                """, logger: logger).decode((Int64, String, String, Int64, Int).self) where !blocked.contains(UserID(other)) {
                conversations.append(Conversation(with: Author(id: UserID(other), displayName: name), lastText: String(text.prefix(200)),
                                                  lastAt: Timestamp(milliseconds: at), unread: unread))
            }
            return Array(conversations.prefix(50))
        }
    }

    /// Marks `other`'s messages to `user` as read; when any were unread, the person's own topic says so (`dm.read
    /// {with}`). Two marks at once: the second finds nothing unread (its update waits for the first's rows) and tells
    /// nobody.
    public func markDMsRead(user: UserID, from other: Int64, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            let marked = try await connection.values("""
                UPDATE direct_messages SET read = true WHERE to_id = \(user.rawValue) AND from_id = \(other) AND NOT read RETURNING id
                """, as: Int64.self, logger: logger)
            guard !marked.isEmpty else { return }
            appended.append(try await context.append(.people(.directMessagesRead(with: other)), to: .user(user), at: now, on: connection))
        }
    }

    /// Unread messages to `user`, by sender.
    public func unreadDMs(user: UserID) async throws -> [String: Int] {
        let logger = logger
        return try await context.read { connection in
            var counts: [String: Int] = [:]
            for try await (from, count) in try await connection.query("""
                SELECT from_id, COUNT(*) FROM direct_messages WHERE to_id = \(user.rawValue) AND NOT read GROUP BY from_id
                """, logger: logger).decode((Int64, Int).self) {
                counts[String(from)] = count
            }
            return counts
        }
    }
}
