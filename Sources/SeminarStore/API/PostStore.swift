import SeminarCore

/// The knowledge hub's posts after they are written: edits, deletion, comments, reactions, and the files they carry.
public protocol PostStore: Sendable {
    func comment(post id: PostID, author: UserRecord, text: String, key: String?, now: Timestamp) async throws -> Created
    /// The author (or an organiser) deletes a post: its comments, reactions, tags and attachment links go with it
    /// (the files stay), and its search entry; `post.deleted {postId}` on the feed.
    func deletePost(_ id: PostID, by user: UserRecord, now: Timestamp) async throws
    /// The author's edit: title, body (its excerpt and search text made again) and, when given, tags; `post.updated`
    /// on the feed. ``PostRules/decide(_:author:by:role:)`` decides first: a refused edit changes nothing.
    func editPost(_ id: PostID, title: String, body: String, tags: [String]?, by user: UserRecord, now: Timestamp) async throws -> FullPost
    /// Adds the person's reaction, or takes it back: to `on` when given, else the other way. A reaction set to what it
    /// already is writes nothing and tells nobody.
    func react(post id: PostID, user: UserID, emoji: String, on: Bool?, now: Timestamp) async throws -> PostReactions
    func file(id: FileID) async throws -> StoredFile?
}

extension AppDatabase: PostStore {}
