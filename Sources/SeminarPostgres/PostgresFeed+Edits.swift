import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The knowledge hub's posts after they are written (the cluster's ``PostStore``): edits, deletion, comments and
/// reactions. Each takes the post's row lock first, so that what two nodes do to one post at once happens one after the
/// other: an edit and a deletion, two reactions (each event's counts are the counts after it), two comments.
extension PostgresFeed {
    public func comment(post id: PostID, author: UserRecord, text: String, key: String?, now: Timestamp) async throws -> Created {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.feedComment.rawValue, now: now, on: connection, logger: logger) {
                _ = try await Self.lockedAuthor(of: id, on: connection, logger: logger)
                guard let commentID = try await connection.value("""
                    INSERT INTO post_comments(post_id, author_id, text, at) VALUES (\(id), \(author.id.rawValue), \(text), \(now.milliseconds)) RETURNING id
                    """, as: CommentID.self, logger: logger)
                else { throw DomainError(.internal, "a comment was not stored") }
                let count = try await connection.value("UPDATE posts SET comments = comments + 1 WHERE id = \(id) RETURNING comments", as: Int.self,
                                                       logger: logger) ?? 0
                let comment = PostComment(id: commentID, author: Author(id: author.id, displayName: author.displayName, badge: Badge.of(role: author.role)),
                                          text: text, at: now)
                let event = try await context.append(.feed(.postCommented(postId: id, comment: comment, comments: count)), to: .feed, at: now, on: connection)
                appended.append(event)
                return Created(id: commentID.rawValue, seq: event.seq)
            }
        }
    }

    /// The author (or an organiser) deletes a post: its comments, reactions, tags and attachment links go with it
    /// (the files stay), and its search entry (the row's `tsvector`); `post.deleted {postId}` on the feed.
    public func deletePost(_ id: PostID, by user: UserRecord, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            try PostRules.decide(.delete, author: try await Self.lockedAuthor(of: id, on: connection, logger: logger), by: user.id, role: user.role)
            try await connection.query("DELETE FROM posts WHERE id = \(id)", logger: logger)
            appended.append(try await context.append(.feed(.postDeleted(id: id)), to: .feed, at: now, on: connection))
        }
    }

    /// The author's edit: title, body (its excerpt and search text made again) and, when given, tags; `post.updated`
    /// on the feed. ``PostRules/decide(_:author:by:role:)`` decides first: a refused edit changes nothing.
    public func editPost(_ id: PostID, title: String, body: String, tags: [String]?, by user: UserRecord, now: Timestamp) async throws -> FullPost {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try PostRules.decide(.edit, author: try await Self.lockedAuthor(of: id, on: connection, logger: logger), by: user.id, role: user.role)
            let blocks = Markdown.parse(body)
            // The search column is generated from `title`, `tag_words` and `plain`: setting them re-indexes the post.
            try await connection.query("""
                UPDATE posts SET title = \(title), body = \(body), excerpt = \(Markdown.excerpt(blocks)), plain = \(Markdown.excerpt(blocks, limit: Int.max))
                WHERE id = \(id)
                """, logger: logger)
            if let tags {
                try await connection.query("""
                    UPDATE posts SET tags = \(try ColumnJSON.encode(tags)), tag_words = \(tags.joined(separator: " ")) WHERE id = \(id)
                    """, logger: logger)
                try await connection.query("DELETE FROM post_tags WHERE post_id = \(id)", logger: logger)
                for tag in tags {
                    try await connection.query("INSERT INTO post_tags(post_id, tag) VALUES (\(id), \(tag)) ON CONFLICT DO NOTHING", logger: logger)
                }
            }
            appended.append(try await context.append(.feed(.postUpdated(try await Self.post(id, on: connection, logger: logger))), to: .feed, at: now,
                                                     on: connection))
            return try await Self.fullPost(id, viewer: user.id, on: connection, logger: logger)
        }
    }

    /// Adds the person's reaction, or takes it back: to `on` when given, else the other way. A reaction set to what it
    /// already is writes nothing and tells nobody.
    public func react(post id: PostID, user: UserID, emoji: String, on: Bool?, now: Timestamp) async throws -> PostReactions {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            _ = try await Self.lockedAuthor(of: id, on: connection, logger: logger)
            let has = try await connection.exists("""
                SELECT 1 FROM post_reactions WHERE post_id = \(id) AND user_id = \(user.rawValue) AND emoji = \(emoji)
                """, logger: logger)
            var counts: [String: Int] = [:]
            if let next = PostRules.reaction(has: has, on: on) {
                if next {
                    try await connection.query("INSERT INTO post_reactions(post_id, user_id, emoji) VALUES (\(id), \(user.rawValue), \(emoji))", logger: logger)
                } else {
                    try await connection.query("DELETE FROM post_reactions WHERE post_id = \(id) AND user_id = \(user.rawValue) AND emoji = \(emoji)",
                                               logger: logger)
                }
                counts = try await Self.post(id, on: connection, logger: logger).reactions
                appended.append(try await context.append(.feed(.postReacted(postId: id, reactions: counts)), to: .feed, at: now, on: connection))
            } else {
                counts = try await Self.post(id, on: connection, logger: logger).reactions
            }
            return PostReactions(counts: counts, yours: try await Self.reactions(of: user, post: id, on: connection, logger: logger))
        }
    }

    /// The post's author, its row locked until the transaction ends (what changes the post waits for what changes it
    /// already); `not_found` when there is no such post.
    static func lockedAuthor(of id: PostID, on connection: PostgresConnection, logger: Logger) async throws -> UserID {
        guard let author = try await connection.value("SELECT author_id FROM posts WHERE id = \(id) FOR UPDATE", as: Int64.self, logger: logger) else {
            throw DomainError(.notFound, "No post \(id)", field: "postId")
        }
        return UserID(author)
    }
}
