/// A text in the seminar's languages; any may be missing.
public struct LocalizedText: Sendable, Codable, Equatable, Hashable {
    public var fr: String?
    public var en: String?
    public var es: String?

    public init(fr: String? = nil, en: String? = nil, es: String? = nil) {
        self.fr = fr
        self.en = en
        self.es = es
    }

    public subscript(language: Language) -> String? {
        get {
            switch language {
            case .fr: fr
            case .en: en
            case .es: es
            }
        }
        set {
            switch language {
            case .fr: fr = newValue
            case .en: en = newValue
            case .es: es = newValue
            }
        }
    }

    /// The text in `language`, else the first present of en, fr, es, with the language it is in.
    public func resolved(_ language: Language) -> (text: String, language: Language)? {
        for candidate in [language, .en, .fr, .es] {
            if let text = self[candidate], !text.isEmpty { return (text, candidate) }
        }
        return nil
    }

    public var isEmpty: Bool { resolved(.en) == nil }
}
