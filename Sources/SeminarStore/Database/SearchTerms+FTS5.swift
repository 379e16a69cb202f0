import SeminarCore

extension SearchTerms {
    /// The terms as an FTS5 match expression: every word quoted (so nothing in it is an operator), the last one a
    /// prefix term when it is one — `"coopération" "décentralisée"*`. The index folds case and accents.
    package var fts5: String {
        let quoted = words.map { "\"\($0)\"" }
        return (quoted.dropLast() + [quoted[quoted.count - 1] + (lastIsPrefix ? "*" : "")]).joined(separator: " ")
    }
}
