import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The welcome desk's frequently asked questions in PostgreSQL (the cluster's ``FaqStore``), kept in order by
/// organisers. Changes take the table's write lock (readers are not held up), so that entries added at once from two
/// nodes each get their own place at the end.
public final class PostgresFaq: FaqStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Every entry in order, or those matching `query` (every word, in any language, accents ignored).
    public func faqList(query: String?) async throws -> [FaqEntry] {
        let logger = logger
        let entries = try await context.read { connection in
            var entries: [FaqEntry] = []
            for try await (id, position, question, answer) in try await connection.query("""
                SELECT id, position, question, answer FROM faq_entries ORDER BY position, id
                """, logger: logger).decode((FaqEntryID, Int, String, String).self) {
                entries.append(FaqEntry(id: id, position: position, question: try ColumnJSON.decode(question), answer: try ColumnJSON.decode(answer)))
            }
            return entries
        }
        guard let query, !query.trimmingWhitespace().isEmpty else { return entries }
        return entries.filter { $0.matches(query) }
    }

    /// Adds an entry (at the end unless a position is given) or replaces one.
    public func faqUpsert(id: Int64?, question: LocalizedText, answer: LocalizedText, position: Int?, now: Timestamp) async throws -> FaqEntry {
        let logger = logger
        let (q, a) = (try ColumnJSON.encode(question), try ColumnJSON.encode(answer))
        return try await context.write { connection, _ in
            try await Self.lock(on: connection, logger: logger)
            if let id {
                guard let current = try await connection.value("SELECT position FROM faq_entries WHERE id = \(id)", as: Int.self, logger: logger) else {
                    throw DomainError(.notFound, "No FAQ entry \(id)", field: "id")
                }
                let place = position ?? current
                try await connection.query("""
                    UPDATE faq_entries SET question = \(q), answer = \(a), position = \(place), updated_at = \(now.milliseconds) WHERE id = \(id)
                    """, logger: logger)
                return FaqEntry(id: FaqEntryID(id), position: place, question: question, answer: answer)
            }
            let last = try await connection.value("SELECT MAX(position) FROM faq_entries", as: Int?.self, logger: logger) ?? nil
            let place = position ?? ((last ?? 0) + 1)
            guard let made = try await connection.value("""
                INSERT INTO faq_entries(position, question, answer, updated_at) VALUES (\(place), \(q), \(a), \(now.milliseconds)) RETURNING id
                """, as: FaqEntryID.self, logger: logger)
            else { throw DomainError(.internal, "a FAQ entry was not stored") }
            return FaqEntry(id: made, position: place, question: question, answer: answer)
        }
    }

    public func faqDelete(id: Int64) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await Self.lock(on: connection, logger: logger)
            guard try await connection.exists("DELETE FROM faq_entries WHERE id = \(id) RETURNING id", logger: logger) else {
                throw DomainError(.notFound, "No FAQ entry \(id)", field: "id")
            }
        }
    }

    /// The FAQ's write lock, until the transaction ends: one change at a time, reads go on.
    private static func lock(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("LOCK TABLE faq_entries IN SHARE ROW EXCLUSIVE MODE", logger: logger)
    }
}
