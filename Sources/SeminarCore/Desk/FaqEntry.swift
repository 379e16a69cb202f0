/// A question of the welcome desk's FAQ with its answer, in the seminar's languages.
public struct FaqEntry: Sendable, Codable, Equatable {
    public var id: FaqEntryID
    public var position: Int
    public var question: LocalizedText
    public var answer: LocalizedText

    public init(id: FaqEntryID, position: Int, question: LocalizedText, answer: LocalizedText) {
        self.id = id
        self.position = position
        self.question = question
        self.answer = answer
    }

    /// Every word of `query` appears in a question or an answer, in any language (case and accents ignored).
    public func matches(_ query: String) -> Bool {
        TextFold.matchesAllWords(query, in: [question, answer].flatMap { text in Language.allCases.compactMap { text[$0] } })
    }

    public static let questionLimit = 500
    public static let answerLimit = 5_000

    /// Trims and checks a question or answer: at least one language, each within `limit`; "" drops a language.
    public static func validate(_ text: LocalizedText?, field: String, limit: Int) throws(DomainError) -> LocalizedText {
        guard let text else { throw .invalid(field, "\(field) is required") }
        var out = LocalizedText()
        for language in Language.allCases {
            let value = try Validate.text(text[language], field: "\(field).\(language.rawValue)", max: limit, required: false)
            if !value.isEmpty { out[language] = value }
        }
        guard !out.isEmpty else { throw .invalid(field, "\(field) needs at least one language") }
        return out
    }
}
