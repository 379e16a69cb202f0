import SeminarCore

/// An uploaded file as posts and the uploader see it.
public struct FileView: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var type: String
    public var size: Int64
    public var sha256: String
    public var url: String
    /// For images: the rendition that fits a screen (at most 800 px wide; the original when none could be made).
    public var smallUrl: String?
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
    public var id: Int64
    public var kind: PostKind
    public var title: String
    public var excerpt: String
    public var lang: Language
    public var tags: [String]
    public var author: AuthorView
    public var organisation: String
    public var sessionId: Int64?
    public var createdAt: String
    public var comments: Int
    public var reactions: [String: Int]
    public var attachments: [FileView]
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

public struct CommentView: Codable, Sendable, Equatable {
    public var id: Int64
    public var author: AuthorView
    public var text: String
    public var at: String
    public init(id: Int64, author: AuthorView, text: String, at: String) {
        self.id = id
        self.author = author
        self.text = text
        self.at = at
    }
}

/// A whole post: the summary's fields, the body and its parsed blocks, comments and your reactions.
public struct PostView: Encodable, Sendable {
    public let summary: PostSummary
    public let body: String
    public let blocks: [MarkdownBlock]
    public let comments: [CommentView]
    public let yourReactions: [String]
    public init(summary: PostSummary, body: String, blocks: [MarkdownBlock], comments: [CommentView], yourReactions: [String]) {
        self.summary = summary
        self.body = body
        self.blocks = blocks
        self.comments = comments
        self.yourReactions = yourReactions
    }

    enum CodingKeys: String, CodingKey { case body, blocks, comments, yourReactions }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(body, forKey: .body)
        try c.encode(blocks, forKey: .blocks)
        try c.encode(comments, forKey: .comments)
        try c.encode(yourReactions, forKey: .yourReactions)
    }
}

public struct PostReply: Encodable, Sendable {
    public let post: PostView
    public init(post: PostView) { self.post = post }
}

public struct FeedListRequest: Codable, Sendable {
    public let before: Int64?
    public let kind: String?
    public let tag: String?
    public let lang: String?
    public let sessionId: Int64?
    public let limit: Int?
}

public struct FeedListReply: Codable, Sendable {
    public let posts: [PostSummary]
    public let more: Bool
    public init(posts: [PostSummary], more: Bool) {
        self.posts = posts
        self.more = more
    }
}

public struct FeedGetRequest: Codable, Sendable {
    public let postId: Int64?
}

public struct FeedPostRequest: Codable, Sendable {
    public let kind: String?
    public let title: String?
    public let body: String?
    public let lang: String?
    public let tags: [String]?
    public let sessionId: Int64?
    public let attachmentIds: [Int64]?
}

/// `feed.edit`: the author's new title and body, and tags when given (absent: unchanged).
public struct FeedEditRequest: Codable, Sendable {
    public let postId: Int64?
    public let title: String?
    public let body: String?
    public let tags: [String]?
}

public struct FeedCommentRequest: Codable, Sendable {
    public let postId: Int64?
    public let text: String?
}

public struct FeedReactRequest: Codable, Sendable {
    public let postId: Int64?
    public let emoji: String?
    /// The state wanted (true: reacted); without it the reaction toggles.
    public let on: Bool?
}

public struct FeedReactReply: Codable, Sendable {
    public let reactions: [String: Int]
    public let yourReactions: [String]
    public init(reactions: [String: Int], yourReactions: [String]) {
        self.reactions = reactions
        self.yourReactions = yourReactions
    }
}

public struct FeedSearchRequest: Codable, Sendable {
    public let q: String?
    public let lang: String?
    public let kind: String?
    public let tag: String?
    public let limit: Int?
}

public struct SearchResult: Codable, Sendable {
    public let post: PostSummary
    public let snippet: [SnippetRun]
    public init(post: PostSummary, snippet: [SnippetRun]) {
        self.post = post
        self.snippet = snippet
    }
}

public struct FeedSearchReply: Codable, Sendable {
    public let results: [SearchResult]
    public init(results: [SearchResult]) { self.results = results }
}

public struct PostCreatedEvent: Codable, Sendable {
    public let post: PostSummary
    public init(post: PostSummary) { self.post = post }
}

public struct PostCommentedEvent: Codable, Sendable {
    public let postId: Int64
    public let comment: CommentView
    public let comments: Int
    public init(postId: Int64, comment: CommentView, comments: Int) {
        self.postId = postId
        self.comment = comment
        self.comments = comments
    }
}

public struct PostReactedEvent: Codable, Sendable {
    public let postId: Int64
    public let reactions: [String: Int]
    public init(postId: Int64, reactions: [String: Int]) {
        self.postId = postId
        self.reactions = reactions
    }
}
