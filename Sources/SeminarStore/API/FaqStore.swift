import SeminarCore

/// The welcome desk's frequently asked questions, in the seminar's languages.
public protocol FaqStore: Sendable {
    /// Every entry in order, or those matching `query` (every word, in any language, accents ignored).
    func faqList(query: String?) async throws -> [FaqEntry]
    /// Adds an entry (at the end unless a position is given) or replaces one.
    func faqUpsert(id: Int64?, question: LocalizedText, answer: LocalizedText, position: Int?, now: Timestamp) async throws -> FaqEntry
    func faqDelete(id: Int64) async throws
}

extension AppDatabase: FaqStore {}
