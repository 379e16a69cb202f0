/// What a knowledge-hub post is.
public enum PostKind: String, Sendable, Codable, CaseIterable {
    /// A Live Learning Experience.
    case learning
    case policy
    case report
    case news
    case resource
}

/// The checks on what people post to the hub.
public enum PostRules {
    public static let titleLimit = 200
    public static let tagLimit = 40
    public static let maxTags = 10
    public static let maxAttachments = 10
    public static let reactions = ["👍", "❤️", "💡", "👏"]

    /// Whether `role` may post a post of `kind`: `posters` may post anything, `learningPosters` learning experiences.
    public static func mayPost(_ kind: PostKind, role: Role, posters: Set<Role>, learningPosters: Set<Role>) -> Bool {
        role == .organiser || posters.contains(role) || (kind == .learning && learningPosters.contains(role))
    }

    /// What is done to a post already published.
    public enum Change: Sendable, Equatable { case edit, delete }

    /// Authors edit and delete their own posts; organisers may also delete anyone's (moderation). Anyone else is
    /// refused, and nothing changes.
    public static func decide(_ change: Change, author: UserID, by user: UserID, role: Role) throws(DomainError) {
        if author == user || (change == .delete && role == .organiser) { return }
        throw DomainError(.forbidden, change == .edit ? "Only its author can edit a post" : "Only its author or an organiser can delete a post",
                          field: "postId")
    }

    /// Where a person's reaction goes: to `on` when the request says (setting what it already is: nil, nothing changes),
    /// else to the other state (a toggle).
    public static func reaction(has: Bool, on: Bool?) -> Bool? {
        let wanted = on ?? !has
        return wanted == has ? nil : wanted
    }

    /// Tags trimmed, lower-cased, without a leading `#`, de-duplicated in order; each at most 40 characters, 10 at most.
    public static func tags(_ raw: [String]?) throws(DomainError) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (index, tag) in (raw ?? []).enumerated() {
            try Validate.controls(tag, field: "tags[\(index)]")
            var clean = tag.trimmingWhitespace().lowercased()
            while clean.hasPrefix("#") { clean.removeFirst() }
            guard !clean.isEmpty else { continue }
            guard clean.count <= tagLimit else { throw .invalid("tags[\(index)]", "a tag is at most \(tagLimit) characters") }
            if seen.insert(clean).inserted { out.append(clean) }
        }
        guard out.count <= maxTags else { throw .invalid("tags", "at most \(maxTags) tags") }
        return out
    }
}

extension PostRules {
    /// Attaching the file at `index` of a post's attachments, uploaded by `uploader`: your own uploads (an organiser: any).
    public static func mayAttach(uploadedBy uploader: UserID?, author: UserID, role: Role, index: Int) throws(DomainError) {
        guard uploader == author || role == .organiser else {
            throw DomainError(.forbidden, "Attach your own uploads only", field: "attachmentIds[\(index)]")
        }
    }
}
