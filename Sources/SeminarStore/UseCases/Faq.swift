import GRDB
import SeminarCore

/// The welcome desk's questions and answers, kept in order by organisers.
extension AppDatabase {
    /// Every entry in order, or those matching `query` (every word, in any language, accents ignored).
    public func faqList(query: String?) async throws -> [FaqEntry] {
        let entries = try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM faq_entries ORDER BY position, id")).map { row in
                FaqEntry(id: row["id"], position: row["position"], question: try Self.decode(row["question"]), answer: try Self.decode(row["answer"]))
            }
        }
        guard let query, !query.trimmingWhitespace().isEmpty else { return entries }
        return entries.filter { $0.matches(query) }
    }

    /// Adds an entry (at the end unless a position is given) or replaces one.
    public func faqUpsert(id: Int64?, question: LocalizedText, answer: LocalizedText, position: Int?, now: Timestamp) async throws -> FaqEntry {
        try await writer.write { db in
            let q = try Self.encode(question), a = try Self.encode(answer)
            if let id {
                guard let current = try Int.fetchOne(db.cachedStatement(sql: "SELECT position FROM faq_entries WHERE id = ?"), arguments: [id]) else {
                    throw DomainError(.notFound, "No FAQ entry \(id)", field: "id")
                }
                let place = position ?? current
                try db.cachedStatement(sql: "UPDATE faq_entries SET question = ?, answer = ?, position = ?, updated_at = ? WHERE id = ?").execute(
                               arguments: [q, a, place, now.milliseconds, id])
                return FaqEntry(id: FaqEntryID(id), position: place, question: question, answer: answer)
            }
            let place = try position ?? ((Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(position) FROM faq_entries")) ?? 0) + 1)
            try db.cachedStatement(sql: "INSERT INTO faq_entries(position, question, answer, updated_at) VALUES (?, ?, ?, ?)").execute(
                           arguments: [place, q, a, now.milliseconds])
            return FaqEntry(id: FaqEntryID(db.lastInsertedRowID), position: place, question: question, answer: answer)
        }
    }

    public func faqDelete(id: Int64) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "DELETE FROM faq_entries WHERE id = ?").execute(arguments: [id])
            guard db.changesCount > 0 else { throw DomainError(.notFound, "No FAQ entry \(id)", field: "id") }
        }
    }
}
