import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

// MARK: inside transactions

extension PostgresFeed {
    /// Stores a post with its tags, its excerpt and its search text (the body without markup); its id.
    static func insert(_ post: NewPost, author: UserID, organisation: String, now: Timestamp, on connection: PostgresConnection,
                       logger: Logger) async throws -> PostID {
        let blocks = Markdown.parse(post.body)
        guard let id = try await connection.value("""
            INSERT INTO posts(kind, title, body, excerpt, lang, tags, author_id, organisation, session_id, created_at, plain, tag_words)
            VALUES (\(post.kind.rawValue), \(post.title), \(post.body), \(Markdown.excerpt(blocks)), \(post.lang.rawValue),
                    \(try ColumnJSON.encode(post.tags)), \(author.rawValue), \(organisation), \(post.sessionId), \(now.milliseconds),
                    \(Markdown.excerpt(blocks, limit: Int.max)), \(post.tags.joined(separator: " ")))
            RETURNING id
            """, as: PostID.self, logger: logger)
        else { throw DomainError(.internal, "a post was not stored") }
        for tag in post.tags {
            try await connection.query("INSERT INTO post_tags(post_id, tag) VALUES (\(id), \(tag)) ON CONFLICT DO NOTHING", logger: logger)
        }
        return id
    }

    /// A whole post for `viewer`: its body, comments and the viewer's reactions (in the byte order of their emoji, as
    /// SQLite keeps them).
    static func fullPost(_ id: PostID, viewer: UserID, on connection: PostgresConnection, logger: Logger) async throws -> FullPost {
        let post = try await Self.post(id, on: connection, logger: logger)
        let body = try await connection.value("SELECT body FROM posts WHERE id = \(id)", as: String.self, logger: logger) ?? ""
        var comments: [PostComment] = []
        for try await (commentID, authorID, text, at, name, role) in try await connection.query("""
            SELECT c.id, c.author_id, c.text, c.at, u.display_name, u.role FROM post_comments c JOIN users u ON u.id = c.author_id
            WHERE c.post_id = \(id) ORDER BY c.id
            """, logger: logger).decode((CommentID, Int64, String, Int64, String, String).self) {
            comments.append(PostComment(id: commentID, author: Author(id: UserID(authorID), displayName: name, storedRole: role), text: text,
                                        at: Timestamp(milliseconds: at)))
        }
        return FullPost(post: post, body: body, comments: comments, yourReactions: try await reactions(of: viewer, post: id, on: connection, logger: logger))
    }

    /// The emoji `user` reacted to the post with, in their bytes' order.
    static func reactions(of user: UserID, post id: PostID, on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.values("SELECT emoji FROM post_reactions WHERE post_id = \(id) AND user_id = \(user.rawValue) ORDER BY emoji COLLATE \"C\"",
                                    as: String.self, logger: logger)
    }

    static func post(_ id: PostID, on connection: PostgresConnection, logger: Logger) async throws -> Post {
        guard let post = try await posts([id], on: connection, logger: logger).first else { throw DomainError(.notFound, "No post \(id)", field: "postId") }
        return post
    }

    /// The summaries of `ids`, in that order, read with three queries whatever their number (feeds and search).
    static func posts(_ ids: [PostID], on connection: PostgresConnection, logger: Logger) async throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        let numbers = ids.map(\.rawValue)
        var attachments: [PostID: [StoredFile]] = [:]
        for try await (post, id, name, type, size, sha256) in try await connection.query("""
            SELECT a.post_id, f.id, f.name, f.type, f.size, f.sha256 FROM post_attachments a JOIN files f ON f.id = a.file_id
            WHERE a.post_id = ANY(\(numbers)) ORDER BY a.position
            """, logger: logger).decode((PostID, FileID, String, String, Int64, String).self) {
            attachments[post, default: []].append(StoredFile(id: id, name: name, type: type, size: size, sha256: sha256))
        }
        var reactions: [PostID: [String: Int]] = [:]
        for try await (post, emoji, count) in try await connection.query("""
            SELECT post_id, emoji, COUNT(*) FROM post_reactions WHERE post_id = ANY(\(numbers)) GROUP BY post_id, emoji
            """, logger: logger).decode((PostID, String, Int).self) {
            reactions[post, default: [:]][emoji] = count
        }
        var byID: [PostID: Post] = [:]
        for try await row in try await connection.query("""
            SELECT p.id, p.kind, p.title, p.excerpt, p.lang, p.tags, p.author_id, p.organisation, p.session_id, p.created_at, p.comments,
                   u.display_name, u.role FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ANY(\(numbers))
            """, logger: logger).decode((PostID, String, String, String, String, String, Int64, String, SessionID?, Int64, Int, String, String).self) {
            let (id, kind, title, excerpt, lang, tags, authorID, organisation, session, createdAt, comments, name, role) = row
            byID[id] = Post(id: id, kind: PostKind(rawValue: kind) ?? .resource, title: title, excerpt: excerpt, lang: Language(rawValue: lang) ?? .en,
                            tags: try ColumnJSON.decode(tags), author: Author(id: UserID(authorID), displayName: name, storedRole: role),
                            organisation: organisation, sessionId: session, createdAt: Timestamp(milliseconds: createdAt), comments: comments,
                            reactions: reactions[id] ?? [:], attachments: attachments[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }
}
