import SeminarCore

extension SearchTerms {
    /// The terms as `to_tsquery` text: every word a quoted lexeme (so nothing in it is an operator), all required
    /// (`&`), the last one a prefix (`:*`) when it is one — `'coopération' & 'décentralisée':*`. The `seminar_search`
    /// configuration folds case and accents of the query as of the index.
    var tsquery: String {
        let quoted = words.map(Self.lexeme)
        return (quoted.dropLast() + [quoted[quoted.count - 1] + (lastIsPrefix ? ":*" : "")]).joined(separator: " & ")
    }

    /// Every word a required prefix (people search: ``SearchQuery/prefixes(_:maxTerms:)``), as `to_tsquery` text.
    static func prefixQuery(_ words: [String]) -> String {
        words.map { lexeme($0) + ":*" }.joined(separator: " & ")
    }

    /// A word as a quoted lexeme of a `tsquery`, its quotes doubled.
    static func lexeme(_ word: String) -> String {
        "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
