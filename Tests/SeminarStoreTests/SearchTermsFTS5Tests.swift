import SeminarCore
import SeminarStore
import Testing

@Suite("document search terms in FTS5")
struct SearchTermsFTS5Tests {
    @Test("every word quoted, only the last a prefix; operators are words", arguments: [
        ("la coopération décentralisée", #""coopération" "décentralisée"*"#), ("The Rome Charter", #""Rome" "Charter"*"#),
        ("de la", #""de" "la""#), ("NEAR(x", #""NEAR" "x""#), ("coop", #""coop"*"#),
    ] as [(String, String)])
    func fts5(typed: String, expected: String) throws {
        #expect(try #require(SearchQuery.documents(typed)).fts5 == expected)
    }
}
