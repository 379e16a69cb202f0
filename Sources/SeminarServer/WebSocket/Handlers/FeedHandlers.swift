import SeminarCore
import SeminarProtocol
import SeminarStore

/// The knowledge hub: the feed, posts, comments, reactions and search.
struct FeedHandlers {
    let services: Services

    func list(_ info: RequestInfo) async throws -> Outcome {
        let p = try info.request.payload(FeedListRequest.self)
        let filter = try Self.filter(kind: p.kind, tag: p.tag, lang: p.lang, sessionId: p.sessionId)
        return .reply(FeedListReply(try await services.database.feed(filter: filter, before: p.before, limit: try Self.limit(p.limit, default: 20))))
    }

    func get(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(FeedGetRequest.self).postId else { throw DomainError.invalid("postId", "postId is required") }
        return .reply(PostReply(post: PostView(try await services.database.post(id: id, viewer: user.id))))
    }

    func post(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let post = try info.request.payload(FeedPostRequest.self).checked(role: user.role, settings: services.settings)
        let reply = try await services.database.createPost(post, author: user, key: info.key, now: services.clock())
        session.logger.info("hub post", metadata: ["post": "\(reply.id)", "kind": "\(post.kind.rawValue)"])
        return .reply(CreatedReply(reply))
    }

    /// `feed.edit`: the author changes the title, the body and (when given) the tags; everyone sees it (`post.updated`).
    func edit(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(FeedEditRequest.self)
        guard let id = p.postId else { throw DomainError.invalid("postId", "postId is required") }
        let title = try Validate.text(p.title, field: "title", max: PostRules.titleLimit)
        let body = try Validate.text(p.body, field: "body", max: TextLimits.postBody)
        let tags = try p.tags.map { tags throws(DomainError) in try PostRules.tags(tags) }
        return .reply(PostReply(post: PostView(try await services.database.editPost(id, title: title, body: body, tags: tags, by: user, now: services.clock()))))
    }

    /// `feed.delete`: the author (or an organiser) removes a post with its comments and reactions (`post.deleted`).
    func delete(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(FeedGetRequest.self).postId else { throw DomainError.invalid("postId", "postId is required") }
        try await services.database.deletePost(id, by: user, now: services.clock())
        return .reply(EmptyPayload())
    }

    func comment(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(FeedCommentRequest.self)
        guard let id = p.postId else { throw DomainError.invalid("postId", "postId is required") }
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat)
        return .reply(CreatedReply(try await services.database.comment(post: id, author: user, text: text, key: info.key, now: services.clock())))
    }

    func react(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(FeedReactRequest.self)
        guard let id = p.postId else { throw DomainError.invalid("postId", "postId is required") }
        guard let emoji = p.emoji, PostRules.reactions.contains(emoji) else {
            throw DomainError.invalid("emoji", "emoji must be one of \(PostRules.reactions.joined(separator: " "))")
        }
        return .reply(FeedReactReply(try await services.database.react(post: id, user: user.id, emoji: emoji, on: p.on, now: services.clock())))
    }

    /// Whatever was typed is searched as words: an empty or operator-only query finds nothing, never an error.
    func search(_ info: RequestInfo) async throws -> Outcome {
        let p = try info.request.payload(FeedSearchRequest.self)
        // Control characters are dropped rather than refused: whatever was typed is searched.
        let cleaned = p.q.map { String($0.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)) }
        guard !(p.q ?? "").trimmingWhitespace().isEmpty else { throw DomainError.invalid("q", "q is required") }
        let typed = try Validate.text(cleaned, field: "q", max: 200, required: false)
        let filter = try Self.filter(kind: p.kind, tag: p.tag, lang: p.lang, sessionId: nil)
        guard let terms = SearchQuery.documents(typed) else { return .reply(FeedSearchReply(results: [])) }
        let matches = try await services.database.searchPosts(terms, filter: filter, limit: try Self.limit(p.limit, default: 20))
        return .reply(FeedSearchReply(results: matches.map(SearchResult.init)))
    }

    static func filter(kind: String?, tag: String?, lang: String?, sessionId: SessionID?) throws(DomainError) -> FeedFilter {
        var filter = FeedFilter(sessionId: sessionId)
        if let kind, !kind.isEmpty {
            guard let value = PostKind(rawValue: kind) else { throw .invalid("kind", "unknown kind '\(kind.prefix(40))'") }
            filter.kind = value
        }
        if let lang, !lang.isEmpty {
            guard let value = Language(rawValue: lang) else { throw .invalid("lang", "lang must be fr, en or es") }
            filter.lang = value
        }
        if let tag, !tag.isEmpty { filter.tag = try PostRules.tags([tag]).first }
        return filter
    }

    static func limit(_ value: Int?, default fallback: Int) throws(DomainError) -> Int {
        guard let value else { return fallback }
        guard (1...50).contains(value) else { throw .invalid("limit", "limit must be 1 to 50") }
        return value
    }
}
