import SeminarCore

/// The knowledge hub on the wire: posts, comments, reactions, search results, and each ``FeedEvent``.
extension FeedEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .postCreated(let post): try EventType.postCreated.with(PostEvent(post: PostSummary(post)))
        case .postUpdated(let post): try EventType.postUpdated.with(PostEvent(post: PostSummary(post)))
        case .postDeleted(let id): try EventType.postDeleted.with(["postId": id.rawValue])
        case .postCommented(let postId, let comment, let comments):
            try EventType.postCommented.with(PostCommentedEvent(postId: postId.rawValue, comment: CommentView(comment), comments: comments))
        case .postReacted(let postId, let reactions): try EventType.postReacted.with(PostReactedEvent(postId: postId.rawValue, reactions: reactions))
        }
    }
}

extension PostSummary {
    /// A post's summary, its time as ISO 8601.
    public init(_ post: Post) {
        self.init(id: post.id.rawValue, kind: post.kind, title: post.title, excerpt: post.excerpt, lang: post.lang, tags: post.tags, author: AuthorView(post.author),
                  organisation: post.organisation, sessionId: post.sessionId?.rawValue, createdAt: post.createdAt.iso8601, comments: post.comments,
                  reactions: post.reactions, attachments: post.attachments.map(FileView.init))
    }
}

extension CommentView {
    /// A comment, its time as ISO 8601.
    public init(_ comment: PostComment) {
        self.init(id: comment.id.rawValue, author: AuthorView(comment.author), text: comment.text, at: comment.at.iso8601)
    }
}

extension PostView {
    /// The body goes with its parsed blocks (``Markdown/parse(_:)``).
    public init(_ full: FullPost) {
        self.init(summary: PostSummary(full.post), body: full.body, blocks: Markdown.parse(full.body), comments: full.comments.map(CommentView.init),
                  yourReactions: full.yourReactions)
    }
}

extension FeedListReply {
    /// A page of the feed.
    public init(_ page: FeedPage) {
        self.init(posts: page.posts.map(PostSummary.init), more: page.more)
    }
}

extension FeedReactReply {
    /// A post's reaction counts and the reader's own reactions.
    public init(_ reactions: PostReactions) {
        self.init(reactions: reactions.counts, yourReactions: reactions.yours)
    }
}

extension SearchResult {
    /// A search match: the post and its snippet.
    public init(_ match: PostMatch) {
        self.init(post: PostSummary(match.post), snippet: match.snippet)
    }
}
