import SeminarCore
import SeminarStore

/// The knowledge hub's posts after they are written, and their files, on the cluster's store (``PostgresFeed``).
extension PostgresStore: PostStore {
    public func comment(post id: PostID, author: UserRecord, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await feed.comment(post: id, author: author, text: text, key: key, now: now)
    }

    public func deletePost(_ id: PostID, by user: UserRecord, now: Timestamp) async throws { try await feed.deletePost(id, by: user, now: now) }

    public func editPost(_ id: PostID, title: String, body: String, tags: [String]?, by user: UserRecord, now: Timestamp) async throws -> FullPost {
        try await feed.editPost(id, title: title, body: body, tags: tags, by: user, now: now)
    }

    public func react(post id: PostID, user: UserID, emoji: String, on: Bool?, now: Timestamp) async throws -> PostReactions {
        try await feed.react(post: id, user: user, emoji: emoji, on: on, now: now)
    }

    public func file(id: FileID) async throws -> StoredFile? { try await feed.file(id: id) }
}
