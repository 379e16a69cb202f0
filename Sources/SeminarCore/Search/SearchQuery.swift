/// Turns what a person typed into what is searched: for people, a safe FTS5 match expression (every word a quoted
/// prefix term, so quotes, operators and `NEAR(` are searched as words and never break the query); for documents,
/// ``SearchTerms`` that each store says in its own query language.
public enum SearchQuery {
    /// Nil when nothing searchable was typed.
    public static func fts(_ typed: String, maxTerms: Int = 8) -> String? {
        let quoted = prefixes(typed, maxTerms: maxTerms).map { "\"\($0)\"*" }
        return quoted.isEmpty ? nil : quoted.joined(separator: " ")
    }

    /// For people: the words searched, each a prefix (at most `maxTerms`, each at most 64 characters); what ``fts(_:maxTerms:)``
    /// says for FTS5, for a store that says it in its own query language. Empty when nothing searchable was typed.
    public static func prefixes(_ typed: String, maxTerms: Int = 8) -> [String] {
        words(typed).prefix(maxTerms).map { String($0.prefix(64)) }
    }

    /// For documents (the knowledge hub): the words people type, that must all appear, but without the little words
    /// of the seminar's languages ("la", "de", "the", "el"…) when other words remain — they are in nearly every post,
    /// find nothing more and cost the most — and with only the last word as a prefix (≥ 3 letters), for a word still
    /// being typed. Operators and quotes are never words. Nil when nothing searchable was typed.
    public static func documents(_ typed: String, maxTerms: Int = 8) -> SearchTerms? {
        let terms = words(typed)
        let meaningful = terms.filter { !stopWords.contains(TextFold.fold($0)) }
        let kept = Array((meaningful.isEmpty ? terms : meaningful).prefix(maxTerms)).map { String($0.prefix(64)) }
        return SearchTerms(words: kept, lastIsPrefix: (kept.last?.count ?? 0) >= 3)
    }

    /// The runs of letters and digits in what was typed; everything else separates them.
    static func words(_ typed: String) -> [String] {
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
        return terms
    }

    /// Words too common to search by, in French, English and Spanish (folded).
    static let stopWords: Set<String> = [
        "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "et", "il", "la", "le", "les", "leur", "ou", "par",
        "pour", "que", "qui", "sur", "un", "une", "est", "son", "sa", "ses", "se", "ne", "pas", "plus", "nous", "vous",
        "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "this", "to",
        "was", "with", "we", "our", "their",
        "al", "como", "con", "del", "el", "las", "lo", "los", "para", "por", "su", "sus", "y", "e", "o", "es", "mas",
    ]
}
