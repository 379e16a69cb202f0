import Crypto
import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

@Suite("the hub's store: search and files")
struct HubStoreTests {
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func author(_ database: AppDatabase, role: Role = .organiser) async throws -> UserRecord {
        try await database.createUser(email: "author-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "x", displayName: "Author",
                                      locale: .fr, role: role, now: now)
    }

    static func post(_ database: AppDatabase, _ author: UserRecord, title: String, body: String, tags: [String] = [],
                     kind: PostKind = .report, lang: Language = .fr) async throws -> Int64 {
        try await database.createPost(NewPost(kind: kind, title: title, body: body, lang: lang, tags: tags, sessionId: nil, attachmentIds: []),
                                      author: author, key: nil, now: now).id
    }

    @Test("search folds accents and case, ranks title matches first, marks the matches in the snippet")
    func ranking() async throws {
        let database = try AppDatabase.inMemory()
        let author = try await Self.author(database)
        let inBody = try await Self.post(database, author, title: "Compte-rendu du 12 juin",
                                         body: "Il a été question de **coopération** décentralisée et de solidarité.")
        let inTitle = try await Self.post(database, author, title: "La coopération décentralisée en Afrique", body: "Un panorama.")
        _ = try await Self.post(database, author, title: "Sans rapport", body: "Mobilité urbaine.")
        let results = try await database.searchPosts(match: try #require(SearchQuery.documents("COOPERATION")), filter: FeedFilter(), limit: 10)
        #expect(results.map(\.post.id) == [inTitle, inBody])
        let snippet = try #require(results.last?.snippet)
        #expect(snippet.contains { $0.hit && $0.text == "coopération" })
        #expect(!snippet.map(\.text).joined().contains("**"))
        // Prefixes, tags and filters.
        #expect(try await database.searchPosts(match: try #require(SearchQuery.documents("decentr")), filter: FeedFilter(), limit: 10).count == 2)
        let tagged = try await Self.post(database, author, title: "Note", body: "Texte.", tags: ["logement"], kind: .policy, lang: .es)
        #expect(try await database.searchPosts(match: try #require(SearchQuery.documents("logement")), filter: FeedFilter(), limit: 10).map(\.post.id) == [tagged])
        #expect(try await database.searchPosts(match: try #require(SearchQuery.documents("cooperation")), filter: FeedFilter(kind: .policy), limit: 10).isEmpty)
        #expect(try await database.searchPosts(match: try #require(SearchQuery.documents("note")), filter: FeedFilter(lang: .es), limit: 10).count == 1)
    }

    @Test("a word in very many posts is ranked within its newest matches (the rank window)")
    func rankWindow() async throws {
        let database = try AppDatabase.inMemory()
        let author = try await Self.author(database)
        let best = try await Self.post(database, author, title: "Water water water", body: "water")
        var newer: [Int64] = []
        for i in 1...4 { newer.append(try await Self.post(database, author, title: "Post \(i)", body: "Some water, and other words \(i).")) }
        let match = try #require(SearchQuery.documents("water"))
        // The whole hub ranked: the best match first. Within the newest three matches only: the oldest is left out.
        #expect(try await database.searchPosts(match: match, filter: FeedFilter(), limit: 10).first?.post.id == best)
        let windowed = try await database.searchPosts(match: match, filter: FeedFilter(), limit: 10, rankWindow: 3).map(\.post.id)
        #expect(Set(windowed) == Set(newer.suffix(3)))
        #expect(try await database.searchPosts(match: match, filter: FeedFilter(kind: .report), limit: 10, rankWindow: 3).map(\.post.id)
                .allSatisfy { newer.suffix(3).contains($0) })
    }

    @Test("hostile query syntax is searched as words", arguments: ["NEAR(coop", "\"unbalanced", "a OR b AND NOT c", "title:x", "*", "-x", "^y"])
    func hostile(query: String) async throws {
        let database = try AppDatabase.inMemory()
        _ = try await Self.post(database, try await Self.author(database), title: "a b c x y coop", body: "unbalanced")
        if let match = SearchQuery.documents(query) {
            _ = try await database.searchPosts(match: match, filter: FeedFilter(), limit: 10)
        }
    }

    @Test("the feed pages newest first and filters by kind, tag, language and session")
    func feed() async throws {
        let database = try AppDatabase.inMemory()
        let author = try await Self.author(database)
        var ids: [Int64] = []
        for i in 1...5 { ids.append(try await Self.post(database, author, title: "Post \(i)", body: "Texte", tags: i.isMultiple(of: 2) ? ["pair"] : [])) }
        let first = try await database.feed(filter: FeedFilter(), before: nil, limit: 2)
        #expect(first.posts.map(\.id) == [ids[4], ids[3]] && first.more)
        let next = try await database.feed(filter: FeedFilter(), before: ids[3], limit: 5)
        #expect(next.posts.map(\.id) == [ids[2], ids[1], ids[0]] && !next.more)
        #expect(try await database.feed(filter: FeedFilter(tag: "pair"), before: nil, limit: 10).posts.map(\.id) == [ids[3], ids[1]])
        #expect(try await database.feed(filter: FeedFilter(lang: .en), before: nil, limit: 10).posts.isEmpty)
    }

    @Test("files are stored once per content, by SHA-256, and read back byte for byte")
    func files() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(dataDirectory: directory)
        let bytes = Array("%PDF-1.4 compte-rendu".utf8)
        let sha = try store.save(bytes)
        #expect(sha == SHA.hex(bytes))
        #expect(try store.save(bytes) == sha)
        let path = try #require(store.path(sha256: sha))
        #expect(path.hasSuffix("/files/\(sha.prefix(2))/\(sha)"))
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == [sha])
        for bad in ["../../etc/passwd", String(repeating: "g", count: 64), sha.uppercased(), ""] { #expect(store.path(sha256: bad) == nil) }
    }
}

enum SHA {
    static func hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }
}
