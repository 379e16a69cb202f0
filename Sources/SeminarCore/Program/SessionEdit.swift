/// The editable content of a session.
public struct SessionContent: Sendable, Equatable {
    public var title: LocalizedText
    public var description: LocalizedText
    public var details: SessionDetails

    public init(title: LocalizedText, description: LocalizedText, details: SessionDetails) {
        self.title = title
        self.description = description
        self.details = details
    }
}

/// One changed field of a revision; `language` is set for texts kept in fr/en/es.
public struct FieldChange: Sendable, Codable, Equatable {
    public let field: String
    public let language: Language?
    public let before: String
    public let after: String

    public init(field: String, language: Language?, before: String, after: String) {
        self.field = field
        self.language = language
        self.before = before
        self.after = after
    }
}

/// What a `session.update` asks for: nil leaves a field as it is; a language given as "" removes it.
public struct SessionEdit: Sendable {
    public var title: LocalizedText?
    public var description: LocalizedText?
    public var audience: LocalizedText?
    public var hostOrganisation: String?
    public var room: String?
    public var conceptNote: String?

    public init(title: LocalizedText? = nil, description: LocalizedText? = nil, audience: LocalizedText? = nil,
                hostOrganisation: String? = nil, room: String? = nil, conceptNote: String? = nil) {
        self.title = title
        self.description = description
        self.audience = audience
        self.hostOrganisation = hostOrganisation
        self.room = room
        self.conceptNote = conceptNote
    }

    public static let titleLimit = 300

    /// The content after the edit and the list of changes; `invalid` with the field when a value breaks a rule.
    public func apply(to current: SessionContent) throws(DomainError) -> (content: SessionContent, changes: [FieldChange]) {
        var content = current
        var changes: [FieldChange] = []

        func merge(_ field: String, _ edit: LocalizedText?, _ old: LocalizedText, max: Int) throws(DomainError) -> LocalizedText {
            guard let edit else { return old }
            var merged = old
            for language in Language.allCases {
                guard let given = edit[language] else { continue }
                let value = given.trimmingWhitespace()
                guard value.count <= max else { throw .invalid("\(field).\(language.rawValue)", "\(field) is longer than \(max) characters") }
                let before = old[language] ?? ""
                if value != before {
                    changes.append(FieldChange(field: field, language: language, before: before, after: value))
                }
                merged.set(language, value.isEmpty ? nil : value)
            }
            return merged
        }

        func single(_ field: String, _ edit: String?, _ old: String?, max: Int) throws(DomainError) -> String? {
            guard let edit else { return old }
            let value = edit.trimmingWhitespace()
            guard value.count <= max else { throw .invalid(field, "\(field) is longer than \(max) characters") }
            if value != (old ?? "") { changes.append(FieldChange(field: field, language: nil, before: old ?? "", after: value)) }
            return value.isEmpty ? nil : value
        }

        content.title = try merge("title", title, current.title, max: Self.titleLimit)
        if content.title.isEmpty { throw .invalid("title", "a session keeps a title in at least one language") }
        content.description = try merge("description", description, current.description, max: TextLimits.postBody)
        content.details.audience = try merge("audience", audience, current.details.audience, max: 1_000)
        content.details.hostOrganisation = try single("hostOrganisation", hostOrganisation, current.details.hostOrganisation, max: TextLimits.name)
        content.details.room = try single("room", room, current.details.room, max: TextLimits.name)
        content.details.conceptNote = try single("conceptNote", conceptNote, current.details.conceptNote, max: 2_000)
        if let note = content.details.conceptNote, !(note.hasPrefix("https://") || note.hasPrefix("http://") || note.hasPrefix("/files/")) {
            throw .invalid("conceptNote", "the concept note is a http(s) link or a /files/ address")
        }
        return (content, changes)
    }
}

extension LocalizedText {
    public mutating func set(_ language: Language, _ text: String?) {
        switch language {
        case .fr: fr = text
        case .en: en = text
        case .es: es = text
        }
    }
}
