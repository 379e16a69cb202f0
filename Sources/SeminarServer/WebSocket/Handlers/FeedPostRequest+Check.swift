import SeminarCore
import SeminarProtocol
import SeminarStore

extension FeedPostRequest {
    /// The post as `feed.post` accepts it from a person of `role`, or the refusal: the one check of a new post, for
    /// the request and for `seminar import posts` alike.
    func checked(role: Role, settings: Settings) throws -> NewPost {
        guard let kindName = kind, let kind = PostKind(rawValue: kindName) else {
            throw DomainError.invalid("kind", "kind must be one of \(PostKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard PostRules.mayPost(kind, role: role, posters: settings.hubPostRoles, learningPosters: settings.hubLearningRoles) else {
            throw DomainError(.forbidden, "You may not post a \(kind.rawValue) post", field: "kind")
        }
        let title = try Validate.text(title, field: "title", max: PostRules.titleLimit)
        let body = try Validate.text(body, field: "body", max: TextLimits.postBody)
        guard let langName = lang, let lang = Language(rawValue: langName) else { throw DomainError.invalid("lang", "lang must be fr, en or es") }
        let attachments = attachmentIds ?? []
        guard attachments.count <= PostRules.maxAttachments else {
            throw DomainError.invalid("attachmentIds", "at most \(PostRules.maxAttachments) attachments")
        }
        return NewPost(kind: kind, title: title, body: body, lang: lang, tags: try PostRules.tags(tags), sessionId: sessionId,
                       attachmentIds: attachments)
    }
}
