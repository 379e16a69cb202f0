/// What a person searches the knowledge hub for, in no search engine's language: words that must all appear, the last
/// of them possibly still being typed (then it also finds the words it begins). Made by ``SearchQuery/documents(_:maxTerms:)``;
/// each store says it in its own query language (FTS5 for SQLite, a `tsquery` for PostgreSQL).
public struct SearchTerms: Sendable, Hashable {
    /// The words, as typed (each store folds case and accents as its index does); never empty, none empty.
    public let words: [String]
    /// Whether the last word also finds the longer words it begins.
    public let lastIsPrefix: Bool

    /// Nil when there is no word.
    public init?(words: [String], lastIsPrefix: Bool) {
        guard !words.isEmpty, !words.contains(where: \.isEmpty) else { return nil }
        self.words = words
        self.lastIsPrefix = lastIsPrefix
    }
}
