import SeminarCore

extension SearchTerms {
    /// The terms as `to_tsquery` text: every word a quoted lexeme (so nothing in it is an operator), all required
    /// (`&`), the last one a prefix (`:*`) when it is one — `'coopération' & 'décentralisée':*`. The `seminar_search`
    /// configuration folds case and accents of the query as of the index.
    var tsquery: String {
        let quoted = words.map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" }
        return (quoted.dropLast() + [quoted[quoted.count - 1] + (lastIsPrefix ? ":*" : "")]).joined(separator: " & ")
    }
}
