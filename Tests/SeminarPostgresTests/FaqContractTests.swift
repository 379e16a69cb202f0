import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The welcome desk's FAQ (`FaqStore`), held against every store: the embedded SQLite one and the cluster's PostgreSQL
/// one. Order, replacement, search in every language, refusals that change nothing, and entries added at once.
@Suite("FAQ contract: SQLite and PostgreSQL")
struct FaqContractTests {
    typealias Subject = FaqStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func add(_ store: any Subject, _ question: String, answer: String = "Oui.", position: Int? = nil) async throws -> FaqEntry {
        try await store.faqUpsert(id: nil, question: LocalizedText(fr: question), answer: LocalizedText(fr: answer), position: position, now: now)
    }

    @Test("entries go at the end unless placed; a replacement keeps its place unless moved; search finds every word in any language",
          arguments: StoreKinds.all)
    func entries(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        #expect(try await store.faqList(query: nil).isEmpty)
        let wifi = try await Self.add(store, "Où est le wifi ?", answer: "Réseau « Séminaire », sans mot de passe.")
        let lunch = try await Self.add(store, "Quand déjeune-t-on ?", answer: "À midi.")
        #expect(wifi.position == 1 && lunch.position == 2 && wifi.id != lunch.id)
        let first = try await Self.add(store, "Comment entrer ?", position: 0)
        #expect(first.position == 0)
        let last = try await Self.add(store, "Et après ?")
        #expect(last.position == 3)
        let tie = try await Self.add(store, "Un autre ?", position: 2)
        #expect(try await store.faqList(query: nil).map(\.id) == [first.id, wifi.id, lunch.id, tie.id, last.id])

        let replaced = try await store.faqUpsert(id: wifi.id.rawValue, question: LocalizedText(fr: "Où est le wifi ?", en: "Where is the wifi?"),
                                                 answer: LocalizedText(en: "Network “Seminar”."), position: nil, now: Self.now)
        #expect(replaced == FaqEntry(id: wifi.id, position: 1, question: LocalizedText(fr: "Où est le wifi ?", en: "Where is the wifi?"),
                                     answer: LocalizedText(en: "Network “Seminar”.")))
        let moved = try await store.faqUpsert(id: first.id.rawValue, question: first.question, answer: first.answer, position: 9, now: Self.now)
        #expect(moved.position == 9)
        let listed = try await store.faqList(query: nil)
        #expect(listed.map(\.id) == [wifi.id, lunch.id, tie.id, last.id, first.id] && listed.first == replaced)

        #expect(try await store.faqList(query: "WIFI where").map(\.id) == [wifi.id])
        #expect(try await store.faqList(query: "dejeune midi").map(\.id) == [lunch.id])
        #expect(try await store.faqList(query: "seminaire").isEmpty)
        #expect(try await store.faqList(query: "   ").count == 5)
        await close()
    }

    @Test("an unknown entry is refused, replaced or deleted, and nothing changes; a deleted entry is gone", arguments: StoreKinds.all)
    func refusals(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let one = try await Self.add(store, "Un ?")
        let two = try await Self.add(store, "Deux ?")
        let before = try await store.faqList(query: nil)
        #expect(await refusal {
            try await store.faqUpsert(id: 999_999, question: LocalizedText(fr: "?"), answer: LocalizedText(fr: "!"), position: 1, now: Self.now)
        } == .notFound)
        #expect(await refusal { try await store.faqDelete(id: 999_999) } == .notFound)
        #expect(try await store.faqList(query: nil) == before)
        try await store.faqDelete(id: one.id.rawValue)
        #expect(try await store.faqList(query: nil) == [two])
        #expect(await refusal { try await store.faqDelete(id: one.id.rawValue) } == .notFound)
        #expect(await refusal {
            try await store.faqUpsert(id: one.id.rawValue, question: LocalizedText(fr: "?"), answer: LocalizedText(fr: "!"), position: nil, now: Self.now)
        } == .notFound)
        #expect(try await Self.add(store, "Trois ?").position == 3)
        await close()
    }

    @Test("entries added at once each get their own place at the end", arguments: StoreKinds.all)
    func racing(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        _ = try await Self.add(store, "Premier ?")
        let added = try await withThrowingTaskGroup(of: FaqEntry.self) { group in
            for n in 0..<8 { group.addTask { try await Self.add(store, "Question \(n) ?") } }
            return try await group.reduce(into: [FaqEntry]()) { $0.append($1) }
        }
        #expect(added.map(\.position).sorted() == Array(2...9))
        #expect(try await store.faqList(query: nil).map(\.position) == Array(1...9))
        await close()
    }
}
