/// A post of the knowledge hub as lists show it (no body, no comments).
public struct Post: Sendable, Equatable {
    public let id: PostID
    public let kind: PostKind
    public let title: String
    /// The start of the body as plain text (``Markdown/excerpt(_:limit:)``).
    public let excerpt: String
    public let lang: Language
    public let tags: [String]
    public let author: Author
    /// The author's organisation when they posted.
    public let organisation: String
    public let sessionId: SessionID?
    public let createdAt: Timestamp
    public let comments: Int
    /// People's reactions, by emoji.
    public let reactions: [String: Int]
    public let attachments: [StoredFile]

    public init(id: PostID, kind: PostKind, title: String, excerpt: String, lang: Language, tags: [String], author: Author, organisation: String,
                sessionId: SessionID?, createdAt: Timestamp, comments: Int, reactions: [String: Int], attachments: [StoredFile]) {
        self.id = id
        self.kind = kind
        self.title = title
        self.excerpt = excerpt
        self.lang = lang
        self.tags = tags
        self.author = author
        self.organisation = organisation
        self.sessionId = sessionId
        self.createdAt = createdAt
        self.comments = comments
        self.reactions = reactions
        self.attachments = attachments
    }
}

/// A comment under a post.
public struct PostComment: Sendable, Equatable {
    public let id: CommentID
    public let author: Author
    public let text: String
    public let at: Timestamp

    public init(id: CommentID, author: Author, text: String, at: Timestamp) {
        self.id = id
        self.author = author
        self.text = text
        self.at = at
    }
}

/// A whole post as one person reads it: its body, comments, and the reactions that are theirs.
public struct FullPost: Sendable, Equatable {
    public let post: Post
    /// Markdown, as written.
    public let body: String
    public let comments: [PostComment]
    public let yourReactions: [String]

    public init(post: Post, body: String, comments: [PostComment], yourReactions: [String]) {
        self.post = post
        self.body = body
        self.comments = comments
        self.yourReactions = yourReactions
    }
}

/// Posts newest first; `more` when older ones follow.
public struct FeedPage: Sendable, Equatable {
    public let posts: [Post]
    public let more: Bool

    public init(posts: [Post], more: Bool) {
        self.posts = posts
        self.more = more
    }
}

/// A post's reactions after a person reacted: the counts, and theirs.
public struct PostReactions: Sendable, Equatable {
    public let counts: [String: Int]
    public let yours: [String]

    public init(counts: [String: Int], yours: [String]) {
        self.counts = counts
        self.yours = yours
    }
}

/// A piece of a search snippet; `hit` marks the words that matched.
public struct SnippetRun: Codable, Sendable, Equatable {
    public let text: String
    public let hit: Bool
    public init(text: String, hit: Bool) {
        self.text = text
        self.hit = hit
    }
}

/// A post found by search, with the snippet where its words matched.
public struct PostMatch: Sendable, Equatable {
    public let post: Post
    public let snippet: [SnippetRun]

    public init(post: Post, snippet: [SnippetRun]) {
        self.post = post
        self.snippet = snippet
    }
}
