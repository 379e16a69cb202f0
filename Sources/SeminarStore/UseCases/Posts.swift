import GRDB
import SeminarCore

/// A post as checked by its handler, ready to store.
public struct NewPost: Sendable {
    public let kind: PostKind
    public let title: String
    public let body: String
    public let lang: Language
    public let tags: [String]
    public let sessionId: SessionID?
    public let attachmentIds: [FileID]

    public init(kind: PostKind, title: String, body: String, lang: Language, tags: [String], sessionId: SessionID?, attachmentIds: [FileID]) {
        self.kind = kind
        self.title = title
        self.body = body
        self.lang = lang
        self.tags = tags
        self.sessionId = sessionId
        self.attachmentIds = attachmentIds
    }
}

/// Filters of the feed and of search.
public struct FeedFilter: Sendable {
    public var kind: PostKind?
    public var tag: String?
    public var lang: Language?
    public var sessionId: SessionID?

    public init(kind: PostKind? = nil, tag: String? = nil, lang: Language? = nil, sessionId: SessionID? = nil) {
        self.kind = kind
        self.tag = tag
        self.lang = lang
        self.sessionId = sessionId
    }

    /// SQL conditions on `p` (posts) and their arguments.
    var conditions: (sql: [String], arguments: [any DatabaseValueConvertible]) {
        var sql: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let kind { sql.append("p.kind = ?"); arguments.append(kind.rawValue) }
        if let lang { sql.append("p.lang = ?"); arguments.append(lang.rawValue) }
        if let sessionId { sql.append("p.session_id = ?"); arguments.append(sessionId) }
        if let tag { sql.append("EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = ?)"); arguments.append(tag) }
        return (sql, arguments)
    }
}

/// The knowledge hub: posts with their attachments, comments and reactions, the feed, and full-text search.
extension AppDatabase {
    public func createPost(_ post: NewPost, author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.feedPost.rawValue, now: now) {
                if let session = post.sessionId { _ = try Self.sessionRow(db, id: session) }
                for (index, file) in post.attachmentIds.enumerated() {
                    guard let uploader = try Row.fetchOne(db.cachedStatement(sql: "SELECT uploader_id FROM files WHERE id = ?"), arguments: [file]) else {
                        throw DomainError(.notFound, "No file \(file)", field: "attachmentIds[\(index)]")
                    }
                    try PostRules.mayAttach(uploadedBy: (uploader["uploader_id"] as Int64?).map { UserID($0) }, author: author.id, role: author.role, index: index)
                }
                let organisation = try Self.profile(db, of: author.id.rawValue).organisation
                let blocks = Markdown.parse(post.body)
                try db.cachedStatement(sql: """
                    INSERT INTO posts(kind, title, body, excerpt, lang, tags, author_id, organisation, session_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [post.kind.rawValue, post.title, post.body, Markdown.excerpt(blocks), post.lang.rawValue,
                                     try Self.encode(post.tags), author.id.rawValue, organisation, post.sessionId, now.milliseconds])
                let id = PostID(db.lastInsertedRowID)
                for tag in post.tags { try db.cachedStatement(sql: "INSERT INTO post_tags(post_id, tag) VALUES (?, ?)").execute(arguments: [id, tag]) }
                for (position, file) in Set(post.attachmentIds).sorted().enumerated() {
                    try db.cachedStatement(sql: "INSERT INTO post_attachments(post_id, file_id, position) VALUES (?, ?, ?)").execute(arguments: [id, file, position])
                }
                let plain = Markdown.excerpt(blocks, limit: Int.max)
                try db.cachedStatement(sql: "INSERT INTO posts_fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)").execute(
                               arguments: [id, post.title, plain, post.tags.joined(separator: " ")])
                let event = try self.append(db, topic: .feed, .feed(.postCreated(try Self.post(db, id: id))), at: now)
                return Created(id: id.rawValue, seq: event.seq)
            }
        }
    }

    /// Posts brought in bulk (an archive of earlier years): stored and indexed in one transaction, without live
    /// events (nobody is following them arrive). Returns how many.
    @discardableResult
    public func importPosts(_ posts: [NewPost], author: UserID, now: Timestamp) async throws -> Int {
        try await writer.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO posts(kind, title, body, excerpt, lang, tags, author_id, organisation, session_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)
                """)
            let index = try db.makeStatement(sql: "INSERT INTO posts_fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)")
            let tag = try db.makeStatement(sql: "INSERT OR IGNORE INTO post_tags(post_id, tag) VALUES (?, ?)")
            for post in posts {
                let blocks = Markdown.parse(post.body)
                try insert.execute(arguments: [post.kind.rawValue, post.title, post.body, Markdown.excerpt(blocks), post.lang.rawValue,
                                               try Self.encode(post.tags), author.rawValue, post.sessionId, now.milliseconds])
                let id = db.lastInsertedRowID
                try index.execute(arguments: [id, post.title, Markdown.excerpt(blocks, limit: Int.max), post.tags.joined(separator: " ")])
                for name in post.tags { try tag.execute(arguments: [id, name]) }
            }
            return posts.count
        }
    }

    /// Merges the search index's segments into one (FTS5 `optimize`): searches read fewer b-trees. Worth it after a
    /// bulk import, and now and then as posts accumulate (the hourly maintenance does it).
    public func optimizeSearchIndex() async throws {
        try await writer.write { db in try db.cachedStatement(sql: "INSERT INTO posts_fts(posts_fts) VALUES ('optimize')").execute() }
    }

    /// Newest first, `limit` at a time, before the post `before`.
    public func feed(filter: FeedFilter, before: PostID?, limit: Int) async throws -> FeedPage {
        try await writer.read { db in
            var (conditions, arguments) = filter.conditions
            conditions.append("p.id < ?")
            arguments.append(before?.rawValue ?? Int64.max)
            arguments.append(limit + 1)
            let ids = try PostID.fetchAll(db, sql: "SELECT p.id FROM posts p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id DESC LIMIT ?",
                                         arguments: StatementArguments(arguments))
            return FeedPage(posts: try Self.posts(db, ids: Array(ids.prefix(limit))), more: ids.count > limit)
        }
    }

    /// A whole post for `viewer`.
    public func post(id: PostID, viewer: UserID) async throws -> FullPost {
        try await writer.read { db in try Self.fullPost(db, id: id, viewer: viewer) }
    }

    static func fullPost(_ db: Database, id: PostID, viewer: UserID) throws -> FullPost {
        let post = try Self.post(db, id: id)
        let body = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM posts WHERE id = ?"), arguments: [id]) ?? ""
        let comments = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.*, u.display_name, u.role FROM post_comments c JOIN users u ON u.id = c.author_id WHERE c.post_id = ? ORDER BY c.id
            """), arguments: [id]).map(Self.comment)
        let mine = try String.fetchAll(db.cachedStatement(sql: "SELECT emoji FROM post_reactions WHERE post_id = ? AND user_id = ?"), arguments: [id, viewer.rawValue])
        return FullPost(post: post, body: body, comments: comments, yourReactions: mine)
    }

    /// The author's edit: title, body (its excerpt and search text made again) and, when given, tags; `post.updated`
    /// on the feed. ``PostRules/decide(_:author:by:role:)`` decides first: a refused edit changes nothing.
    public func editPost(_ id: PostID, title: String, body: String, tags: [String]?, by user: UserRecord, now: Timestamp) async throws -> FullPost {
        try await writer.write { db in
            try PostRules.decide(.edit, author: try Self.postAuthor(db, id: id), by: user.id, role: user.role)
            let blocks = Markdown.parse(body)
            try db.cachedStatement(sql: "UPDATE posts SET title = ?, body = ?, excerpt = ? WHERE id = ?").execute(
                arguments: [title, body, Markdown.excerpt(blocks), id])
            if let tags {
                try db.cachedStatement(sql: "UPDATE posts SET tags = ? WHERE id = ?").execute(arguments: [try Self.encode(tags), id])
                try db.cachedStatement(sql: "DELETE FROM post_tags WHERE post_id = ?").execute(arguments: [id])
                for tag in tags { try db.cachedStatement(sql: "INSERT INTO post_tags(post_id, tag) VALUES (?, ?)").execute(arguments: [id, tag]) }
            }
            let allTags = try String.fetchOne(db.cachedStatement(sql: "SELECT tags FROM posts WHERE id = ?"), arguments: [id]) ?? "[]"
            try db.cachedStatement(sql: "DELETE FROM posts_fts WHERE rowid = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO posts_fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)").execute(
                arguments: [id, title, Markdown.excerpt(blocks, limit: Int.max), (try Self.decode(allTags) as [String]).joined(separator: " ")])
            _ = try self.append(db, topic: .feed, .feed(.postUpdated(try Self.post(db, id: id))), at: now)
            return try Self.fullPost(db, id: id, viewer: user.id)
        }
    }

    /// The author (or an organiser) deletes a post: its comments, reactions, tags and attachment links go with it
    /// (the files stay), and its search entry; `post.deleted {postId}` on the feed.
    public func deletePost(_ id: PostID, by user: UserRecord, now: Timestamp) async throws {
        try await writer.write { db in
            try PostRules.decide(.delete, author: try Self.postAuthor(db, id: id), by: user.id, role: user.role)
            try db.cachedStatement(sql: "DELETE FROM posts_fts WHERE rowid = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM posts WHERE id = ?").execute(arguments: [id])
            _ = try self.append(db, topic: .feed, .feed(.postDeleted(id: id)), at: now)
        }
    }

    static func postAuthor(_ db: Database, id: PostID) throws -> UserID {
        guard let author = try Int64.fetchOne(db.cachedStatement(sql: "SELECT author_id FROM posts WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No post \(id)", field: "postId")
        }
        return UserID(author)
    }

    public func comment(post id: PostID, author: UserRecord, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await writer.write { db in
            try Self.idempotent(db, user: author.id, key: key, type: MessageType.feedComment.rawValue, now: now) {
                try Self.requirePost(db, id: id)
                try db.cachedStatement(sql: "INSERT INTO post_comments(post_id, author_id, text, at) VALUES (?, ?, ?, ?)").execute(
                               arguments: [id, author.id.rawValue, text, now.milliseconds])
                let comment = PostComment(id: CommentID(db.lastInsertedRowID), author: Self.author(author), text: text, at: now)
                try db.cachedStatement(sql: "UPDATE posts SET comments = comments + 1 WHERE id = ?").execute(arguments: [id])
                let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT comments FROM posts WHERE id = ?"), arguments: [id]) ?? 0
                let event = try self.append(db, topic: .feed, .feed(.postCommented(postId: id, comment: comment, comments: count)), at: now)
                return Created(id: comment.id.rawValue, seq: event.seq)
            }
        }
    }

    /// Adds the person's reaction, or takes it back: to `on` when given, else the other way. A reaction set to what it
    /// already is writes nothing and tells nobody.
    public func react(post id: PostID, user: UserID, emoji: String, on: Bool?, now: Timestamp) async throws -> PostReactions {
        try await writer.write { db in
            try Self.requirePost(db, id: id)
            let has = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM post_reactions WHERE post_id = ? AND user_id = ? AND emoji = ?)"),
                                        arguments: [id, user.rawValue, emoji]) ?? false
            let counts: [String: Int]
            if let next = PostRules.reaction(has: has, on: on) {
                if next {
                    try db.cachedStatement(sql: "INSERT INTO post_reactions(post_id, user_id, emoji) VALUES (?, ?, ?)").execute(arguments: [id, user.rawValue, emoji])
                } else {
                    try db.cachedStatement(sql: "DELETE FROM post_reactions WHERE post_id = ? AND user_id = ? AND emoji = ?").execute(arguments: [id, user.rawValue, emoji])
                }
                counts = try Self.reactions(db, post: id)
                _ = try self.append(db, topic: .feed, .feed(.postReacted(postId: id, reactions: counts)), at: now)
            } else {
                counts = try Self.reactions(db, post: id)
            }
            let mine = try String.fetchAll(db.cachedStatement(sql: "SELECT emoji FROM post_reactions WHERE post_id = ? AND user_id = ?"), arguments: [id, user.rawValue])
            return PostReactions(counts: counts, yours: mine)
        }
    }

    /// Ranked full-text search (bm25, the title weighing most, then tags) with a snippet whose matches are marked.
    /// `terms` are said as an FTS5 expression (``SearchTerms/fts5``).
    ///
    /// A word found in a large part of the hub ("city" in a third of 100,000 posts) would have every one of its
    /// matches scored; ranking stays within the newest `rankWindow` matches instead (found by walking the index in
    /// rowid order, which costs no scoring), so a search answers in milliseconds however common its words are.
    public func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int, rankWindow: Int = 8_000) async throws -> [PostMatch] {
        let match = terms.fts5
        return try await writer.read { db in
            var (conditions, arguments) = filter.conditions
            var window = ""
            if let oldest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"),
                                               arguments: [match, max(rankWindow, 1) - 1]) {
                window = " AND posts_fts.rowid >= \(oldest)"
            }
            // The engine ranks (bm25, title first: see Migration11) and keeps the best; filters join the posts. The
            // snippets come from the same cursor, made for the rows kept only (a second MATCH per row to make its
            // snippet would walk the matches again: most of the time of a common word's search).
            let snippet = "snippet(posts_fts, -1, char(1), char(2), '…', 24)"
            let best: String
            if conditions.isEmpty {
                best = "SELECT rowid, \(snippet) FROM posts_fts WHERE posts_fts MATCH ?\(window) ORDER BY rank LIMIT ?"
                arguments = [match, limit]
            } else {
                best = """
                    SELECT posts_fts.rowid, \(snippet) FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid
                    WHERE posts_fts MATCH ?\(window) AND \(conditions.joined(separator: " AND ")) ORDER BY rank LIMIT ?
                    """
                arguments = [match] + arguments + [limit]
            }
            var snippets: [PostID: String] = [:]
            var ids: [PostID] = []
            for row in try Row.fetchAll(db, sql: best, arguments: StatementArguments(arguments)) {
                let id: PostID = row[0]
                ids.append(id)
                snippets[id] = row[1]
            }
            return try Self.posts(db, ids: ids).map { post in PostMatch(post: post, snippet: Self.snippetRuns(snippets[post.id] ?? "")) }
        }
    }

    /// Splits a snippet marked with U+0001 … U+0002 around each match into runs.
    package static func snippetRuns(_ marked: String) -> [SnippetRun] {
        var runs: [SnippetRun] = []
        var current = ""
        var hit = false
        for character in marked {
            if character == "\u{1}" || character == "\u{2}" {
                if !current.isEmpty { runs.append(SnippetRun(text: current, hit: hit)) }
                current = ""
                hit = character == "\u{1}"
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { runs.append(SnippetRun(text: current, hit: hit)) }
        return runs
    }

    static func requirePost(_ db: Database, id: PostID) throws {
        guard try PostID.fetchOne(db.cachedStatement(sql: "SELECT id FROM posts WHERE id = ?"), arguments: [id]) != nil else {
            throw DomainError(.notFound, "No post \(id)", field: "postId")
        }
    }

    static func reactions(_ db: Database, post id: PostID) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT emoji, COUNT(*) AS n FROM post_reactions WHERE post_id = ? GROUP BY emoji"), arguments: [id]) {
            counts[row["emoji"]] = row["n"]
        }
        return counts
    }

    /// The summaries of `ids`, in that order, read with three queries whatever their number (feeds and search).
    static func posts(_ db: Database, ids: [PostID]) throws -> [Post] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        let arguments = StatementArguments(ids)
        var attachments: [PostID: [StoredFile]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT a.post_id, f.* FROM post_attachments a JOIN files f ON f.id = a.file_id WHERE a.post_id IN (\(marks)) ORDER BY a.position
            """, arguments: arguments) {
            attachments[row["post_id"], default: []].append(storedFile(row))
        }
        var reactions: [PostID: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT post_id, emoji, COUNT(*) AS n FROM post_reactions WHERE post_id IN (\(marks)) GROUP BY post_id, emoji
            """, arguments: arguments) {
            reactions[row["post_id"], default: [:]][row["emoji"]] = row["n"]
        }
        var byID: [PostID: Post] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.id, p.kind, p.title, p.excerpt, p.lang, p.tags, p.author_id, p.organisation, p.session_id, p.created_at, p.comments,
                   u.display_name, u.role FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id IN (\(marks))
            """, arguments: arguments) {
            let id: PostID = row["id"]
            byID[id] = Post(
                id: id, kind: PostKind(rawValue: row["kind"]) ?? .resource, title: row["title"],
                excerpt: row["excerpt"], lang: Language(rawValue: row["lang"]) ?? .en,
                tags: try decode(row["tags"]), author: author(id: row["author_id"], name: row["display_name"], role: row["role"]),
                organisation: row["organisation"], sessionId: row["session_id"], createdAt: Timestamp(milliseconds: row["created_at"]),
                comments: row["comments"], reactions: reactions[id] ?? [:], attachments: attachments[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }

    static func post(_ db: Database, id: PostID) throws -> Post {
        guard let post = try posts(db, ids: [id]).first else { throw DomainError(.notFound, "No post \(id)", field: "postId") }
        return post
    }

    static func comment(_ row: Row) -> PostComment {
        PostComment(id: row["id"], author: author(id: row["author_id"], name: row["display_name"], role: row["role"]), text: row["text"],
                    at: Timestamp(milliseconds: row["at"]))
    }
}
