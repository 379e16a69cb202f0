import SeminarCore

/// An uploaded file as posts and the uploader see it.
public struct FileView: Codable, Sendable, Equatable {
    /// The file's id.
    public var id: Int64
    /// Its name as uploaded.
    public var name: String
    /// Its media type (`image/png`, `application/pdf`…).
    public var type: String
    /// Its size in bytes.
    public var size: Int64
    /// The SHA-256 of its bytes, in hex (also its ETag).
    public var sha256: String
    /// Where to fetch it: `/files/<id>`.
    public var url: String
    /// For images: the rendition that fits a screen (at most 800 px wide; the original when none could be made).
    public var smallUrl: String?
    /// Makes the view of a stored file; `url` and `smallUrl` follow from the id and the type.
    public init(id: Int64, name: String, type: String, size: Int64, sha256: String) {
        self.id = id
        self.name = name
        self.type = type
        self.size = size
        self.sha256 = sha256
        self.url = "/files/\(id)"
        self.smallUrl = FileKind.family(type) == .image ? "/files/\(id)?w=\(FileKind.renditionWidth)" : nil
    }
}

/// A post in the feed.
public struct PostSummary: Codable, Sendable, Equatable {
    /// The post's id.
    public var id: Int64
    /// `learning`, `policy`, `report`, `news` or `resource`.
    public var kind: PostKind
    /// The title (1–200 characters).
    public var title: String
    /// The start of the body as plain text.
    public var excerpt: String
    /// The language it is written in (fr, en, es).
    public var lang: Language
    /// Its tags (at most 10).
    public var tags: [String]
    /// Who wrote it, with their role's badge.
    public var author: AuthorView
    /// The author's organisation when they posted.
    public var organisation: String
    /// The session it is about; nil when none.
    public var sessionId: Int64?
    /// ISO 8601: when it was posted.
    public var createdAt: String
    /// How many comments it has.
    public var comments: Int
    /// Reactions by emoji (👍 ❤️ 💡 👏) and how many gave each.
    public var reactions: [String: Int]
    /// The files attached to it.
    public var attachments: [FileView]
    /// Memberwise.
    public init(id: Int64, kind: PostKind, title: String, excerpt: String, lang: Language, tags: [String], author: AuthorView,
                organisation: String, sessionId: Int64?, createdAt: String, comments: Int, reactions: [String: Int], attachments: [FileView]) {
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

/// A comment on a post (in `feed.get`'s post and the `post.commented` event).
public struct CommentView: Codable, Sendable, Equatable {
    /// The comment's id.
    public var id: Int64
    /// Who wrote it, with their role's badge.
    public var author: AuthorView
    /// The text (1–2,000 characters).
    public var text: String
    /// ISO 8601: when it was written.
    public var at: String
    /// Memberwise.
    public init(id: Int64, author: AuthorView, text: String, at: String) {
        self.id = id
        self.author = author
        self.text = text
        self.at = at
    }
}

/// A whole post: the summary's fields, the body and its parsed blocks, comments and your reactions.
public struct PostView: Encodable, Sendable {
    /// The summary's fields, encoded at the top level beside the others.
    public let summary: PostSummary
    /// The body as written (the Markdown subset).
    public let body: String
    /// The body parsed into blocks: clients build DOM nodes from them, never HTML.
    public let blocks: [MarkdownBlock]
    /// Every comment, oldest first.
    public let comments: [CommentView]
    /// The emojis the reader reacted with.
    public let yourReactions: [String]
    /// Memberwise.
    public init(summary: PostSummary, body: String, blocks: [MarkdownBlock], comments: [CommentView], yourReactions: [String]) {
        self.summary = summary
        self.body = body
        self.blocks = blocks
        self.comments = comments
        self.yourReactions = yourReactions
    }

    enum CodingKeys: String, CodingKey { case body, blocks, comments, yourReactions }

    /// Writes the summary's fields and the post's own at one level.
    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(body, forKey: .body)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(comments, forKey: .comments)
        try c.encode(yourReactions, forKey: .yourReactions)
    }
}

/// The reply to `feed.get` and `feed.edit`.
public struct PostReply: Encodable, Sendable {
    /// The whole post.
    public let post: PostView
    /// Memberwise.
    public init(post: PostView) { self.post = post }
}

/// `feed.list`: a page of the feed, newest first.
public struct FeedListRequest: Codable, Sendable {
    /// Only posts older than this post id (the next page).
    public let before: PostID?
    /// Only posts of this kind.
    public let kind: String?
    /// Only posts with this tag.
    public let tag: String?
    /// Only posts in this language (fr, en, es).
    public let lang: String?
    /// Only posts about this session.
    public let sessionId: SessionID?
    /// How many, at most 50 (20 by default).
    public let limit: Int?
}

/// The reply to `feed.list`.
public struct FeedListReply: Codable, Sendable {
    /// The posts, newest first.
    public let posts: [PostSummary]
    /// Whether there are older ones.
    public let more: Bool
    /// Memberwise.
    public init(posts: [PostSummary], more: Bool) {
        self.posts = posts
        self.more = more
    }
}

/// `feed.get` and `feed.delete`: the post named.
public struct FeedGetRequest: Codable, Sendable {
    /// The post's id (required).
    public let postId: PostID?
}

/// `feed.post`: a new post in the feed.
public struct FeedPostRequest: Codable, Sendable {
    /// `learning`, `policy`, `report`, `news` or `resource`.
    public let kind: String?
    /// The title (1–200 characters).
    public let title: String?
    /// The body (1–20,000 characters, the Markdown subset).
    public let body: String?
    /// The language it is written in: fr, en or es.
    public let lang: String?
    /// At most 10 tags, each at most 40 characters.
    public let tags: [String]?
    /// The session it is about, if any.
    public let sessionId: SessionID?
    /// The poster's own uploads to attach, if any.
    public let attachmentIds: [FileID]?
}

/// `feed.edit`: the author's new title and body, and tags when given (absent: unchanged).
public struct FeedEditRequest: Codable, Sendable {
    /// The post (required).
    public let postId: PostID?
    /// The new title (1–200 characters).
    public let title: String?
    /// The new body (1–20,000 characters).
    public let body: String?
    /// The new tags; absent: unchanged.
    public let tags: [String]?
}

/// `feed.comment`: a comment on a post.
public struct FeedCommentRequest: Codable, Sendable {
    /// The post (required).
    public let postId: PostID?
    /// The comment (1–2,000 characters).
    public let text: String?
}

/// `feed.react`: set or toggle the reader's reaction to a post.
public struct FeedReactRequest: Codable, Sendable {
    /// The post (required).
    public let postId: PostID?
    /// One of 👍 ❤️ 💡 👏.
    public let emoji: String?
    /// The state wanted (true: reacted); without it the reaction toggles.
    public let on: Bool?
}

/// The reply to `feed.react`.
public struct FeedReactReply: Codable, Sendable {
    /// The post's reactions by emoji, and how many gave each.
    public let reactions: [String: Int]
    /// The emojis the reader reacted with.
    public let yourReactions: [String]
    /// Memberwise.
    public init(reactions: [String: Int], yourReactions: [String]) {
        self.reactions = reactions
        self.yourReactions = yourReactions
    }
}

/// `feed.search`: posts that match words, best first.
public struct FeedSearchRequest: Codable, Sendable {
    /// The words (1–200 characters); search syntax is taken as plain words.
    public let q: String?
    /// Only posts in this language.
    public let lang: String?
    /// Only posts of this kind.
    public let kind: String?
    /// Only posts with this tag.
    public let tag: String?
    /// How many, at most 50.
    public let limit: Int?
}

/// One post found by `feed.search`, with the text around the match.
public struct SearchResult: Codable, Sendable {
    /// The post.
    public let post: PostSummary
    /// The matching text, in runs marked as hit or not.
    public let snippet: [SnippetRun]
    /// Memberwise.
    public init(post: PostSummary, snippet: [SnippetRun]) {
        self.post = post
        self.snippet = snippet
    }
}

/// The reply to `feed.search`.
public struct FeedSearchReply: Codable, Sendable {
    /// The posts found, best first.
    public let results: [SearchResult]
    /// Memberwise.
    public init(results: [SearchResult]) { self.results = results }
}

/// `post.created` and `post.updated` on `feed`: the post as it now stands.
public struct PostEvent: Codable, Sendable {
    /// The post.
    public let post: PostSummary
    /// Memberwise.
    public init(post: PostSummary) { self.post = post }
}

/// `post.commented` on `feed`: a new comment on a post.
public struct PostCommentedEvent: Codable, Sendable {
    /// The post.
    public let postId: Int64
    /// The new comment.
    public let comment: CommentView
    /// How many comments the post now has.
    public let comments: Int
    /// Memberwise.
    public init(postId: Int64, comment: CommentView, comments: Int) {
        self.postId = postId
        self.comment = comment
        self.comments = comments
    }
}

/// `post.reacted` on `feed`: a post's reactions changed.
public struct PostReactedEvent: Codable, Sendable {
    /// The post.
    public let postId: Int64
    /// Reactions by emoji, and how many gave each.
    public let reactions: [String: Int]
    /// Memberwise.
    public init(postId: Int64, reactions: [String: Int]) {
        self.postId = postId
        self.reactions = reactions
    }
}
