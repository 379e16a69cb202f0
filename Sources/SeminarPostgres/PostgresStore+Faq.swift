import SeminarCore
import SeminarStore

/// The welcome desk's FAQ on the cluster's store (``PostgresFaq``).
extension PostgresStore: FaqStore {
    var faq: PostgresFaq { PostgresFaq(context) }

    public func faqList(query: String?) async throws -> [FaqEntry] { try await faq.faqList(query: query) }

    public func faqUpsert(id: Int64?, question: LocalizedText, answer: LocalizedText, position: Int?, now: Timestamp) async throws -> FaqEntry {
        try await faq.faqUpsert(id: id, question: question, answer: answer, position: position, now: now)
    }

    public func faqDelete(id: Int64) async throws { try await faq.faqDelete(id: id) }
}
