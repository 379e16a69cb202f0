import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The knowledge hub in PostgreSQL (the cluster's ``FeedStore``): posts with their attachments, the feed, uploads'
/// records, and full-text search on a generated `tsvector` (``SearchTerms`` said as a `tsquery`, ranked by `ts_rank`,
/// snippets by `ts_headline`). Who may attach what is ``PostRules``' to say, in the post's transaction.
public final class PostgresFeed: FeedStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// A post by `author`, `post.created` on the feed; a retry with its key creates nothing more. A file not found, or
    /// not the author's to attach, or an unknown session refuses it, and nothing is stored or told.
    public func createPost(_ post: NewPost, author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: author.id, key: key, type: MessageType.feedPost.rawValue, now: now, on: connection, logger: logger) {
                if let session = post.sessionId, try await !connection.exists("SELECT 1 FROM sessions WHERE id = \(session)", logger: logger) {
                    throw DomainError(.notFound, "No session \(session)", field: "sessionId")
                }
                for (index, file) in post.attachmentIds.enumerated() {
                    guard let uploader = try await connection.value("SELECT uploader_id FROM files WHERE id = \(file)", as: Int64?.self, logger: logger) else {
                        throw DomainError(.notFound, "No file \(file)", field: "attachmentIds[\(index)]")
                    }
                    try PostRules.mayAttach(uploadedBy: uploader.map { UserID($0) }, author: author.id, role: author.role, index: index)
                }
                let organisation = try await PostgresPeople.profile(of: author.id.rawValue, on: connection, logger: logger).organisation
                let id = try await Self.insert(post, author: author.id, organisation: organisation, now: now, on: connection, logger: logger)
                for (position, file) in Set(post.attachmentIds).sorted().enumerated() {
                    try await connection.query("INSERT INTO post_attachments(post_id, file_id, position) VALUES (\(id), \(file), \(position))", logger: logger)
                }
                let event = try await context.append(.feed(.postCreated(try await Self.post(id, on: connection, logger: logger))), to: .feed, at: now,
                                                     on: connection)
                appended.append(event)
                return Created(id: id.rawValue, seq: event.seq)
            }
        }
    }

    /// Posts brought in bulk (an archive of earlier years): stored and indexed in one transaction, without live
    /// events (nobody is following them arrive). Returns how many.
    @discardableResult
    public func importPosts(_ posts: [NewPost], author: UserID, now: Timestamp) async throws -> Int {
        let logger = logger
        return try await context.write { connection, _ in
            for post in posts { _ = try await Self.insert(post, author: author, organisation: "", now: now, on: connection, logger: logger) }
            return posts.count
        }
    }

    /// `VACUUM (ANALYZE)` of the posts: the GIN index's pending entries (a bulk import's) go into the index proper and
    /// the planner learns how many posts there are; worth it after a bulk import, and now and then (the hourly
    /// maintenance does it). Outside any transaction, as `VACUUM` must be.
    public func optimizeSearchIndex() async throws {
        try await context.database.client.query("VACUUM (ANALYZE) posts", logger: logger)
    }

    /// Newest first, `limit` at a time, before the post `before`.
    public func feed(filter: FeedFilter, before: PostID?, limit: Int) async throws -> FeedPage {
        let logger = logger
        return try await context.read { connection in
            var binds = PostgresBindings()
            var conditions = filter.conditions(binding: &binds)
            binds.append(before?.rawValue ?? Int64.max)
            conditions.append("p.id < $\(binds.count)")
            binds.append(Int64(limit + 1))
            let query = PostgresQuery(unsafeSQL: "SELECT p.id FROM posts p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.id DESC LIMIT $\(binds.count)",
                                      binds: binds)
            let ids = try await connection.values(query, as: PostID.self, logger: logger)
            return FeedPage(posts: try await Self.posts(Array(ids.prefix(limit)), on: connection, logger: logger), more: ids.count > limit)
        }
    }

    /// A whole post for `viewer`: its body, comments and the viewer's reactions.
    public func post(id: PostID, viewer: UserID) async throws -> FullPost {
        let logger = logger
        return try await context.read { connection in try await Self.fullPost(id, viewer: viewer, on: connection, logger: logger) }
    }

    /// Ranked full-text search (`ts_rank`: the title weighing most, then tags, then the body) with a snippet whose
    /// matches are marked (`ts_headline` of the body, or of the title when only it holds them).
    ///
    /// As SQLite's: ranking stays within the newest `rankWindow` matches (found in id order from the index, which
    /// costs no scoring), so a search answers quickly however common its words are.
    public func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int, rankWindow: Int) async throws -> [PostMatch] {
        let logger = logger
        let tsquery = terms.tsquery
        return try await context.read { connection in
            let oldest = try await connection.value("""
                SELECT id FROM posts WHERE search @@ to_tsquery('seminar_search', \(tsquery)) ORDER BY id DESC LIMIT 1 OFFSET \(Int64(max(rankWindow, 1) - 1))
                """, as: Int64.self, logger: logger) ?? 0
            var binds = PostgresBindings()
            binds.append(tsquery)
            binds.append(oldest)
            binds.append("StartSel=\u{1}, StopSel=\u{2}, MaxWords=24, MinWords=12")
            let conditions = filter.conditions(binding: &binds).map { " AND " + $0 }.joined()
            binds.append(Int64(limit))
            let query = PostgresQuery(unsafeSQL: """
                WITH q AS (SELECT to_tsquery('seminar_search', $1) AS q),
                best AS (SELECT p.id, p.title, p.plain, ts_rank(p.search, q.q) AS r FROM posts p, q
                         WHERE p.search @@ q.q AND p.id >= $2\(conditions) ORDER BY r DESC, p.id DESC LIMIT $\(binds.count))
                SELECT best.id, ts_headline('seminar_search', best.plain, q.q, $3), ts_headline('seminar_search', best.title, q.q, $3)
                FROM best, q ORDER BY best.r DESC, best.id DESC
                """, binds: binds)
            var ids: [PostID] = []
            var snippets: [PostID: String] = [:]
            for try await (id, body, title) in try await connection.query(query, logger: logger).decode((PostID, String, String).self) {
                ids.append(id)
                snippets[id] = body.contains("\u{1}") || !title.contains("\u{1}") ? body : title
            }
            return try await Self.posts(ids, on: connection, logger: logger).map { post in
                PostMatch(post: post, snippet: AppDatabase.snippetRuns(snippets[post.id] ?? ""))
            }
        }
    }

    /// Records an upload whose bytes are in the file store.
    public func recordFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) async throws -> StoredFile {
        let logger = logger
        return try await context.write { connection, _ in
            let id = try await Self.insertFile(sha256: sha256, name: name, type: type, size: size, uploader: uploader, now: now, on: connection, logger: logger)
            return StoredFile(id: id, name: name, type: type, size: size, sha256: sha256)
        }
    }
}
