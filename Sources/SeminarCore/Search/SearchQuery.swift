/// Turns what a person typed into a safe FTS5 match expression: every word becomes a quoted prefix term, so
/// quotes, operators and `NEAR(` are searched as words and never break the query.
public enum SearchQuery {
    /// Nil when nothing searchable was typed.
    public static func fts(_ typed: String, maxTerms: Int = 8) -> String? {
        var terms: [String] = []
        var current = ""
        for character in typed {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                terms.append(current)
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current) }
        let quoted = terms.prefix(maxTerms).map { "\"\(String($0.prefix(64)))\"*" }
        return quoted.isEmpty ? nil : quoted.joined(separator: " ")
    }
}
