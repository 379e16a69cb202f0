import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// The knowledge hub, for any store: search, the feed, attachments, the bulk import.
struct FeedContractTests {
    static func post(_ store: any Store, _ author: UserRecord, title: String, body: String, tags: [String] = [],
                     kind: PostKind = .report, lang: Language = .fr, attachments: [Int64] = []) async throws -> Int64 {
        try await store.createPost(NewPost(kind: kind, title: title, body: body, lang: lang, tags: tags, sessionId: nil, attachmentIds: attachments),
                                   author: author, key: nil, now: Given.now).id
    }

    static func search(_ store: any Store, _ typed: String, filter: FeedFilter = FeedFilter(), rankWindow: Int = 8_000) async throws -> [Int64] {
        try await store.searchPosts(try #require(SearchQuery.documents(typed)), filter: filter, limit: 10, rankWindow: rankWindow).map(\.post.id)
    }

    @Test("search folds accents and case, ranks title matches first, marks the matches in the snippet", arguments: StoreFactory.all)
    func ranking(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Author", role: .organiser)
        let inBody = try await Self.post(store, author, title: "Compte-rendu du 12 juin",
                                         body: "Il a été question de **coopération** décentralisée et de solidarité.")
        let inTitle = try await Self.post(store, author, title: "La coopération décentralisée en Afrique", body: "Un panorama.")
        _ = try await Self.post(store, author, title: "Sans rapport", body: "Mobilité urbaine.")
        let results = try await store.searchPosts(try #require(SearchQuery.documents("COOPERATION")), filter: FeedFilter(), limit: 10)
        #expect(results.map(\.post.id) == [inTitle, inBody])
        let snippet = try #require(results.last?.snippet)
        #expect(snippet.contains { $0.hit && $0.text == "coopération" })
        #expect(!snippet.map(\.text).joined().contains("**"))
        // Prefixes, tags and filters.
        #expect(try await Self.search(store, "decentr").count == 2)
        let tagged = try await Self.post(store, author, title: "Note", body: "Texte.", tags: ["logement"], kind: .policy, lang: .es)
        #expect(try await Self.search(store, "logement") == [tagged])
        #expect(try await Self.search(store, "cooperation", filter: FeedFilter(kind: .policy)).isEmpty)
        #expect(try await Self.search(store, "note", filter: FeedFilter(lang: .es)).count == 1)
    }

    @Test("a word in very many posts is ranked within its newest matches (the rank window)", arguments: StoreFactory.all)
    func rankWindow(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Author", role: .organiser)
        let best = try await Self.post(store, author, title: "Water water water", body: "water")
        var newer: [Int64] = []
        for i in 1...4 { newer.append(try await Self.post(store, author, title: "Post \(i)", body: "Some water, and other words \(i).")) }
        // The whole hub ranked: the best match first. Within the newest three matches only: the oldest is left out.
        #expect(try await Self.search(store, "water").first == best)
        #expect(Set(try await Self.search(store, "water", rankWindow: 3)) == Set(newer.suffix(3)))
        #expect(try await Self.search(store, "water", filter: FeedFilter(kind: .report), rankWindow: 3).allSatisfy { newer.suffix(3).contains($0) })
    }

    @Test("hostile query syntax is searched as words", arguments: StoreFactory.all)
    func hostile(factory: StoreFactory) async throws {
        let store = try factory.make()
        _ = try await Self.post(store, try await Given.person(store, "Author", role: .organiser), title: "a b c x y coop", body: "unbalanced")
        for query in ["NEAR(coop", "\"unbalanced", "a OR b AND NOT c", "title:x", "*", "-x", "^y"] {
            if let terms = SearchQuery.documents(query) { _ = try await store.searchPosts(terms, filter: FeedFilter(), limit: 10) }
        }
    }

    @Test("the feed pages newest first and filters by kind, tag, language and session", arguments: StoreFactory.all)
    func feed(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Author", role: .organiser)
        var ids: [Int64] = []
        for i in 1...5 { ids.append(try await Self.post(store, author, title: "Post \(i)", body: "Texte", tags: i.isMultiple(of: 2) ? ["pair"] : [])) }
        let first = try await store.feed(filter: FeedFilter(), before: nil, limit: 2)
        #expect(first.posts.map(\.id) == [ids[4], ids[3]] && first.more)
        let next = try await store.feed(filter: FeedFilter(), before: ids[3], limit: 5)
        #expect(next.posts.map(\.id) == [ids[2], ids[1], ids[0]] && !next.more)
        #expect(try await store.feed(filter: FeedFilter(tag: "pair"), before: nil, limit: 10).posts.map(\.id) == [ids[3], ids[1]])
        #expect(try await store.feed(filter: FeedFilter(lang: .en), before: nil, limit: 10).posts.isEmpty)
    }

    @Test("a post attaches its author's uploads (an organiser's: anyone's); a refused post changes nothing", arguments: StoreFactory.all)
    func attachments(factory: StoreFactory) async throws {
        let store = try factory.make()
        let host = try await Given.person(store, "Host", role: .host)
        let other = try await Given.person(store, "Other", role: .host)
        let organiser = try await Given.person(store, "Organiser", role: .organiser)
        let file = try await store.recordFile(sha256: String(repeating: "a", count: 64), name: "plan.pdf", type: "application/pdf", size: 10,
                                              uploader: host.id, now: Given.now).id
        let before = try await Given.log(store, [.feed])
        #expect(await refusalCode { try await Self.post(store, other, title: "Theirs", body: "Text", attachments: [file]) } == .forbidden)
        #expect(await refusalCode { try await Self.post(store, host, title: "Missing", body: "Text", attachments: [file + 1]) } == .notFound)
        #expect(try await Given.log(store, [.feed]) == before)
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.isEmpty)
        let mine = try await Self.post(store, host, title: "Mine", body: "Text", attachments: [file])
        #expect(try await store.post(id: mine, viewer: host.id).post.attachments.map(\.id) == [file])
        _ = try await Self.post(store, organiser, title: "Shared", body: "Text", attachments: [file])
    }

    @Test("posts imported in bulk are found, and append no live event", arguments: StoreFactory.all)
    func bulkImport(factory: StoreFactory) async throws {
        let store = try factory.make()
        let author = try await Given.person(store, "Author", role: .organiser)
        let posts = (1...3).map { NewPost(kind: .report, title: "Archive \($0)", body: "Solidarité \($0)", lang: .fr, tags: [], sessionId: nil, attachmentIds: []) }
        let before = try await Given.log(store, [.feed])
        #expect(try await store.importPosts(posts, author: author.id, now: Given.now) == 3)
        try await store.optimizeSearchIndex()
        #expect(try await Given.log(store, [.feed]) == before)
        #expect(try await Self.search(store, "solidarite").count == 3)
    }
}
