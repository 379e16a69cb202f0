import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The knowledge hub (`FeedStore`), held against every store: the embedded SQLite one and the cluster's PostgreSQL one.
/// Search (words, the last one's prefix, accents and case folded, ranking, snippets, filters), the feed, attachments,
/// the bulk import; a refused post appends nothing; a retry or posts at once make each post once.
@Suite("feed contract: SQLite and PostgreSQL")
struct FeedContractTests {
    typealias Subject = AccountStore & FeedStore & ProgramStore & EventLogStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func post(_ store: any Subject, _ author: UserRecord, title: String, body: String, tags: [String] = [], kind: PostKind = .report,
                     lang: Language = .fr, session: SessionID? = nil, attachments: [FileID] = [], key: String? = nil) async throws -> PostID {
        PostID(try await store.createPost(NewPost(kind: kind, title: title, body: body, lang: lang, tags: tags, sessionId: session, attachmentIds: attachments),
                                          author: author, key: key, now: now).id)
    }

    static func search(_ store: any Subject, _ typed: String, filter: FeedFilter = FeedFilter(), rankWindow: Int = 8_000) async throws -> [PostID] {
        try await store.searchPosts(try #require(SearchQuery.documents(typed)), filter: filter, limit: 10, rankWindow: rankWindow).map(\.post.id)
    }

    @Test("search folds accents and case, ranks title matches first, marks the matches in the snippet", arguments: StoreKinds.all)
    func ranking(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let inBody = try await Self.post(store, author, title: "Compte-rendu du 12 juin",
                                         body: "Il a été question de **coopération** décentralisée et de solidarité.")
        let inTitle = try await Self.post(store, author, title: "La coopération décentralisée en Afrique", body: "Un panorama.")
        _ = try await Self.post(store, author, title: "Sans rapport", body: "Mobilité urbaine.")
        let results = try await store.searchPosts(try #require(SearchQuery.documents("COOPERATION")), filter: FeedFilter(), limit: 10, rankWindow: 8_000)
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
        await close()
    }

    @Test("search finds a whole word and a prefix of the last word only; every word must appear; accents fold both ways",
          arguments: StoreKinds.all)
    func words(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let economy = try await Self.post(store, author, title: "Economía social", body: "Cooperativas y mutuales en Bogotá.")
        let plain = try await Self.post(store, author, title: "Economia circular", body: "Reciclaje urbano.")
        #expect(Set(try await Self.search(store, "economia")) == [economy, plain])
        #expect(Set(try await Self.search(store, "ECONOMÍA")) == [economy, plain])
        #expect(try await Self.search(store, "bogota") == [economy])
        #expect(try await Self.search(store, "economia coop") == [economy])
        #expect(try await Self.search(store, "economia social") == [economy])
        // Only the last word is a prefix: "econ" finds nothing when a word follows it.
        #expect(try await Self.search(store, "econ").count == 2)
        #expect(try await Self.search(store, "econ social").isEmpty)
        #expect(try await Self.search(store, "economia mutual") == [economy])
        #expect(try await Self.search(store, "economia reciclajes").isEmpty)
        await close()
    }

    @Test("a word in very many posts is ranked within its newest matches (the rank window)", arguments: StoreKinds.all)
    func rankWindow(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let best = try await Self.post(store, author, title: "Water water water", body: "water")
        var newer: [PostID] = []
        for i in 1...4 { newer.append(try await Self.post(store, author, title: "Post \(i)", body: "Some water, and other words \(i).")) }
        // The whole hub ranked: the best match first. Within the newest three matches only: the oldest is left out.
        #expect(try await Self.search(store, "water").first == best)
        #expect(Set(try await Self.search(store, "water", rankWindow: 3)) == Set(newer.suffix(3)))
        #expect(try await Self.search(store, "water", filter: FeedFilter(kind: .report), rankWindow: 3).allSatisfy { newer.suffix(3).contains($0) })
        await close()
    }

    @Test("hostile query syntax is searched as words", arguments: StoreKinds.all)
    func hostile(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let coop = try await Self.post(store, try await person(store, "Author", role: .organiser), title: "a b c x y coop", body: "unbalanced")
        for query in ["NEAR(coop", "\"unbalanced", "a OR b AND NOT c", "title:x", "*", "-x", "^y", "coop:*", "coop & !x", "coop | zzz", "'coop'"] {
            if let terms = SearchQuery.documents(query) { _ = try await store.searchPosts(terms, filter: FeedFilter(), limit: 10, rankWindow: 8_000) }
        }
        #expect(try await Self.search(store, "coop | zzz").isEmpty)
        #expect(try await Self.search(store, "'coop' !unbalanced") == [coop])
        await close()
    }

    @Test("the feed pages newest first and filters by kind, tag, language and session", arguments: StoreKinds.all)
    func feed(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        var ids: [PostID] = []
        for i in 1...5 { ids.append(try await Self.post(store, author, title: "Post \(i)", body: "Texte", tags: i.isMultiple(of: 2) ? ["pair"] : [])) }
        let first = try await store.feed(filter: FeedFilter(), before: nil, limit: 2)
        #expect(first.posts.map(\.id) == [ids[4], ids[3]] && first.more)
        let next = try await store.feed(filter: FeedFilter(), before: ids[3], limit: 5)
        #expect(next.posts.map(\.id) == [ids[2], ids[1], ids[0]] && !next.more)
        #expect(try await store.feed(filter: FeedFilter(tag: "pair"), before: nil, limit: 10).posts.map(\.id) == [ids[3], ids[1]])
        #expect(try await store.feed(filter: FeedFilter(lang: .en), before: nil, limit: 10).posts.isEmpty)

        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let session = try #require(try await store.program(for: author.id).sessions.first?.id)
        let policy = try await Self.post(store, author, title: "Policy", body: "Texte", tags: ["pair"], kind: .policy, lang: .en)
        let notes = try await Self.post(store, author, title: "Notes", body: "Texte", lang: .es, session: session)
        #expect(try await store.feed(filter: FeedFilter(kind: .policy), before: nil, limit: 10).posts.map(\.id) == [policy])
        #expect(try await store.feed(filter: FeedFilter(lang: .en), before: nil, limit: 10).posts.map(\.id) == [policy])
        #expect(try await store.feed(filter: FeedFilter(sessionId: session), before: nil, limit: 10).posts.map(\.id) == [notes])
        #expect(try await store.feed(filter: FeedFilter(kind: .policy, tag: "pair"), before: nil, limit: 10).posts.map(\.id) == [policy])
        #expect(try await store.feed(filter: FeedFilter(kind: .report, tag: "pair"), before: nil, limit: 10).posts.map(\.id) == [ids[3], ids[1]])
        let read = try await store.post(id: notes, viewer: author.id)
        #expect(read.post.sessionId == session && read.body == "Texte" && read.comments.isEmpty && read.post.author.displayName == "Author")
        await close()
    }

    @Test("search filters by kind, tag, language and session", arguments: StoreKinds.all)
    func searchFilters(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let session = try #require(try await store.program(for: author.id).sessions.first?.id)
        let report = try await Self.post(store, author, title: "Vivienda report", body: "Texto", tags: ["housing"], kind: .report, lang: .en)
        let policy = try await Self.post(store, author, title: "Vivienda policy", body: "Texto", tags: ["housing"], kind: .policy, lang: .es)
        let minutes = try await Self.post(store, author, title: "Vivienda minutes", body: "Texto", kind: .report, lang: .es, session: session)
        #expect(Set(try await Self.search(store, "vivienda")) == [report, policy, minutes])
        #expect(try await Self.search(store, "vivienda", filter: FeedFilter(kind: .policy)) == [policy])
        #expect(Set(try await Self.search(store, "vivienda", filter: FeedFilter(tag: "housing"))) == [report, policy])
        #expect(Set(try await Self.search(store, "vivienda", filter: FeedFilter(lang: .es))) == [policy, minutes])
        #expect(try await Self.search(store, "vivienda", filter: FeedFilter(sessionId: session)) == [minutes])
        #expect(try await Self.search(store, "vivienda", filter: FeedFilter(kind: .report, tag: "housing", lang: .en)) == [report])
        #expect(try await Self.search(store, "vivienda", filter: FeedFilter(kind: .policy, lang: .en)).isEmpty)
        await close()
    }

    @Test("a post attaches its author's uploads (an organiser's: anyone's); a refused post appends nothing and stores nothing",
          arguments: StoreKinds.all)
    func attachments(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let host = try await person(store, "Host", role: .host)
        let other = try await person(store, "Other", role: .host)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let file = try await store.recordFile(sha256: String(repeating: "a", count: 64), name: "plan.pdf", type: "application/pdf", size: 10,
                                              uploader: host.id, now: Self.now).id
        let topics: [Topic] = [.feed, .user(host.id), .user(other.id)]
        let before = try await heads(store, topics)
        #expect(await refusal { try await Self.post(store, other, title: "Theirs", body: "Text", attachments: [file]) } == .forbidden)
        #expect(await refusal { try await Self.post(store, host, title: "Missing", body: "Text", attachments: [FileID(file.rawValue + 1)]) } == .notFound)
        #expect(await refusal { try await Self.post(store, host, title: "Nowhere", body: "Text", session: SessionID(999_999)) } == .notFound)
        #expect(await refusal { try await Self.post(store, host, title: "Keyed", body: "Text", attachments: [FileID(file.rawValue + 1)], key: "k-1") } == .notFound)
        #expect(try await heads(store, topics) == before)
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.isEmpty)
        #expect(try await Self.search(store, "text").isEmpty)
        // The refused key stored nothing: the same key with a good post makes it.
        let keyed = try await Self.post(store, host, title: "Keyed", body: "Text", key: "k-1")
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.map(\.id) == [keyed])
        let mine = try await Self.post(store, host, title: "Mine", body: "Text", attachments: [file])
        let attached = try await store.post(id: mine, viewer: host.id).post.attachments
        #expect(attached.map(\.id) == [file] && attached.first?.name == "plan.pdf" && attached.first?.size == 10)
        _ = try await Self.post(store, organiser, title: "Shared", body: "Text", attachments: [file])
        #expect(await refusal { try await store.post(id: PostID(999_999), viewer: host.id) } == .notFound)
        await close()
    }

    @Test("a retry with its key creates one post and tells it once", arguments: StoreKinds.all)
    func retry(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let post = NewPost(kind: .news, title: "Once", body: "Only once", lang: .en, tags: ["one"], sessionId: nil, attachmentIds: [])
        let first = try await store.createPost(post, author: author, key: "post-1", now: Self.now)
        let again = try await store.createPost(post, author: author, key: "post-1", now: Self.now)
        #expect(again == first)
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.map(\.id) == [PostID(first.id)])
        let told = try await store.events(topic: .feed, since: 0).events
        #expect(told.map(\.type) == ["post.created"] && told.map(\.seq) == [first.seq])
        #expect(try await store.createPost(post, author: author, key: "post-2", now: Self.now).id != first.id)
        await close()
    }

    @Test("posts created at once from several tasks each appear once, each told once", arguments: StoreKinds.all)
    func atOnce(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let made = try await withThrowingTaskGroup(of: PostID.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try await Self.post(store, author, title: "Parallel \(i)", body: "Simultané \(i)", tags: ["together"], key: i.isMultiple(of: 3) ? "p-\(i)" : nil)
                }
            }
            return try await group.reduce(into: [PostID]()) { $0.append($1) }
        }
        #expect(Set(made).count == 8)
        let listed = try await store.feed(filter: FeedFilter(), before: nil, limit: 50).posts.map(\.id)
        #expect(listed.sorted() == made.sorted() && listed == listed.sorted(by: >))
        #expect(try await store.feed(filter: FeedFilter(tag: "together"), before: nil, limit: 50).posts.count == 8)
        #expect(Set(try await Self.search(store, "simultane")) == Set(made))
        #expect(try await store.events(topic: .feed, since: 0).events.count == 8)
        await close()
    }

    @Test("posts imported in bulk are found, and append no live event", arguments: StoreKinds.all)
    func bulkImport(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .organiser)
        let posts = (1...3).map { NewPost(kind: .report, title: "Archive \($0)", body: "Solidarité \($0)", lang: .fr, tags: [], sessionId: nil, attachmentIds: []) }
        let before = try await heads(store, [.feed])
        #expect(try await store.importPosts(posts, author: author.id, now: Self.now) == 3)
        try await store.optimizeSearchIndex()
        #expect(try await heads(store, [.feed]) == before)
        #expect(try await Self.search(store, "solidarite").count == 3)
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.map(\.title) == ["Archive 3", "Archive 2", "Archive 1"])
        await close()
    }
}
