import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The knowledge hub's posts after they are written (`PostStore`: edits, deletion, comments, reactions, files), held
/// against every store: the embedded SQLite one and the cluster's PostgreSQL one. Search follows edits and deletions; a
/// refusal appends nothing and changes nothing; what two nodes do to one post at once happens one after the other.
@Suite("post contract: SQLite and PostgreSQL")
struct PostContractTests {
    typealias Subject = AccountStore & FeedStore & PostStore & EventLogStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func post(_ store: any Subject, _ author: UserRecord, title: String = "Logement abordable", body: String = "Des **coopératives** à Dakar.",
                     tags: [String] = ["logement"], attachments: [FileID] = []) async throws -> PostID {
        PostID(try await store.createPost(NewPost(kind: .report, title: title, body: body, lang: .fr, tags: tags, sessionId: nil, attachmentIds: attachments),
                                          author: author, key: nil, now: now).id)
    }

    static func search(_ store: any Subject, _ typed: String) async throws -> [PostID] {
        try await store.searchPosts(try #require(SearchQuery.documents(typed)), filter: FeedFilter(), limit: 10).map(\.post.id)
    }

    /// The counts a `post.reacted` tells.
    static func reactions(_ event: StoredEvent?) throws -> [String: Int] {
        let told = try #require(event)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(told.data.utf8)) as? [String: Any])
        return try #require(data["reactions"] as? [String: Int])
    }

    static func tagged(_ store: any Subject, _ tag: String) async throws -> [PostID] {
        try await store.feed(filter: FeedFilter(tag: tag), before: nil, limit: 10).posts.map(\.id)
    }

    @Test("the author's edit changes title, body, excerpt and tags, and search finds the new words only; anyone else's is refused",
          arguments: StoreKinds.all)
    func edit(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let id = try await Self.post(store, author)
        #expect(try await Self.search(store, "cooperatives") == [id])

        let before = try await heads(store, [.feed])
        let unchanged = try await store.post(id: id, viewer: author.id)
        #expect(await refusal { try await store.editPost(id, title: "Mine", body: "Mine", tags: nil, by: organiser, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.editPost(PostID(999_999), title: "No", body: "No", tags: nil, by: author, now: Self.now) } == .notFound)
        #expect(try await heads(store, [.feed]) == before)
        #expect(try await store.post(id: id, viewer: author.id) == unchanged)
        #expect(try await Self.search(store, "mine").isEmpty)

        let edited = try await store.editPost(id, title: "Vivienda social", body: "Las *mutuales* de Bogotá.", tags: ["vivienda", "bogota"], by: author,
                                              now: Self.now)
        #expect(edited.post.title == "Vivienda social" && edited.body == "Las *mutuales* de Bogotá." && edited.post.excerpt == "Las mutuales de Bogotá.")
        #expect(edited.post.tags == ["vivienda", "bogota"] && edited.post.id == id && edited.post.author.displayName == "Author")
        let told = try await store.events(topic: .feed, since: before[0]).events
        #expect(told.map(\.type) == ["post.updated"] && told.first?.data.contains("Vivienda social") == true)
        #expect(try await store.post(id: id, viewer: organiser.id) == FullPost(post: edited.post, body: edited.body, comments: [], yourReactions: []))
        // Re-indexed: title, body and tags' new words are found, the old ones no more.
        #expect(try await Self.search(store, "cooperatives").isEmpty)
        #expect(try await Self.search(store, "logement").isEmpty)
        #expect(try await Self.search(store, "mutuales") == [id])
        #expect(try await Self.search(store, "VIVIENDA soc") == [id])
        #expect(try await Self.search(store, "bogota") == [id])
        #expect(try await Self.tagged(store, "logement").isEmpty)
        #expect(try await Self.tagged(store, "vivienda") == [id])

        // Without tags, an edit keeps them (and they stay searchable).
        let again = try await store.editPost(id, title: "Vivienda", body: "Otra cosa.", tags: nil, by: author, now: Self.now)
        #expect(again.post.tags == ["vivienda", "bogota"] && again.post.excerpt == "Otra cosa.")
        #expect(try await Self.search(store, "bogota") == [id])
        #expect(try await Self.search(store, "mutuales").isEmpty)
        #expect(try await Self.tagged(store, "bogota") == [id])
        await close()
    }

    @Test("the author or an organiser deletes a post: its comments, reactions and search entry go, its files stay; anyone else is refused",
          arguments: StoreKinds.all)
    func delete(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        let other = try await person(store, "Other", role: .host)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let file = try await store.recordFile(sha256: String(repeating: "d", count: 64), name: "plan.pdf", type: "application/pdf", size: 10, uploader: author.id,
                                              now: Self.now)
        let first = try await Self.post(store, author, attachments: [file.id])
        let second = try await Self.post(store, author, title: "Deuxième", body: "Encore des coopératives.")
        _ = try await store.comment(post: first, author: other, text: "Merci", key: nil, now: Self.now)
        _ = try await store.react(post: first, user: other.id, emoji: "👍", on: true, now: Self.now)

        let before = try await heads(store, [.feed])
        #expect(await refusal { try await store.deletePost(first, by: other, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.deletePost(PostID(999_999), by: organiser, now: Self.now) } == .notFound)
        #expect(try await heads(store, [.feed]) == before)
        #expect(try await store.post(id: first, viewer: other.id).comments.count == 1)

        try await store.deletePost(first, by: author, now: Self.now)
        let told = try await store.events(topic: .feed, since: before[0]).events
        #expect(told.map(\.type) == ["post.deleted"] && told.first?.data.contains("\(first.rawValue)") == true)
        #expect(await refusal { try await store.post(id: first, viewer: author.id) } == .notFound)
        #expect(await refusal { try await store.deletePost(first, by: author, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.comment(post: first, author: other, text: "Late", key: nil, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.react(post: first, user: other.id, emoji: "👍", on: nil, now: Self.now) } == .notFound)
        #expect(try await Self.search(store, "cooperatives") == [second])
        #expect(try await Self.tagged(store, "logement") == [second])
        #expect(try await store.file(id: file.id) == file)

        try await store.deletePost(second, by: organiser, now: Self.now)
        #expect(try await Self.search(store, "cooperatives").isEmpty)
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.isEmpty)
        #expect(try await store.events(topic: .feed, since: before[0]).events.map(\.type) == ["post.deleted", "post.deleted"])
        await close()
    }

    @Test("comments are told with the post's new count; a retry with its key comments once", arguments: StoreKinds.all)
    func comments(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        let ana = try await person(store, "Ana", role: .agent)
        let id = try await Self.post(store, author)
        let first = try await store.comment(post: id, author: ana, text: "Bravo", key: "c-1", now: Self.now)
        #expect(try await store.comment(post: id, author: ana, text: "Bravo", key: "c-1", now: Self.now) == first)
        let second = try await store.comment(post: id, author: author, text: "Merci", key: nil, now: Self.now.adding(seconds: 5))
        let told = try await store.events(topic: .feed, since: 0).events.filter { $0.type == "post.commented" }
        #expect(told.map(\.seq) == [first.seq, second.seq] && told.first?.data.contains("Bravo") == true)
        #expect(told.first?.data.contains("\"agent\"") == true)
        let read = try await store.post(id: id, viewer: ana.id)
        #expect(read.post.comments == 2 && read.comments.map(\.text) == ["Bravo", "Merci"])
        #expect(read.comments.map(\.id.rawValue) == [first.id, second.id])
        #expect(read.comments.first?.author == Author(id: ana.id, displayName: "Ana", badge: .agent))
        #expect(read.comments.last?.at == Self.now.adding(seconds: 5))
        let before = try await heads(store, [.feed])
        #expect(await refusal { try await store.comment(post: PostID(999_999), author: ana, text: "?", key: "c-2", now: Self.now) } == .notFound)
        #expect(try await heads(store, [.feed]) == before)
        // The refused key stored nothing: with a real post it comments.
        #expect(try await store.comment(post: id, author: ana, text: "Again", key: "c-2", now: Self.now).id != first.id)
        await close()
    }

    @Test("a reaction is added, taken back, or set; set to what it is, it tells nobody", arguments: StoreKinds.all)
    func reactions(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        let ana = try await person(store, "Ana")
        let id = try await Self.post(store, author)
        let liked = try await store.react(post: id, user: ana.id, emoji: "👍", on: nil, now: Self.now)
        #expect(liked == PostReactions(counts: ["👍": 1], yours: ["👍"]))
        _ = try await store.react(post: id, user: author.id, emoji: "👍", on: true, now: Self.now)
        let both = try await store.react(post: id, user: ana.id, emoji: "💡", on: true, now: Self.now)
        #expect(both.counts == ["👍": 2, "💡": 1] && both.yours == ["👍", "💡"].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let before = try await heads(store, [.feed])
        #expect(try await store.react(post: id, user: ana.id, emoji: "💡", on: true, now: Self.now) == both)
        #expect(try await store.react(post: id, user: ana.id, emoji: "❤️", on: false, now: Self.now) == both)
        #expect(await refusal { try await store.react(post: PostID(999_999), user: ana.id, emoji: "👍", on: true, now: Self.now) } == .notFound)
        #expect(try await heads(store, [.feed]) == before)
        let taken = try await store.react(post: id, user: ana.id, emoji: "👍", on: nil, now: Self.now)
        #expect(taken == PostReactions(counts: ["👍": 1, "💡": 1], yours: ["💡"]))
        let told = try await store.events(topic: .feed, since: before[0]).events
        #expect(told.map(\.type) == ["post.reacted"])
        let read = try await store.post(id: id, viewer: ana.id)
        #expect(read.yourReactions == ["💡"] && read.post.reactions == taken.counts)
        _ = try await store.react(post: id, user: ana.id, emoji: "💡", on: false, now: Self.now)
        #expect(try await store.react(post: id, user: author.id, emoji: "👍", on: false, now: Self.now) == PostReactions(counts: [:], yours: []))
        await close()
    }

    @Test("a recorded file is read back by its id; an unknown id is nil", arguments: StoreKinds.all)
    func files(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author")
        let file = try await store.recordFile(sha256: String(repeating: "e", count: 64), name: "notes.txt", type: "text/plain", size: 42, uploader: author.id,
                                              now: Self.now)
        #expect(try await store.file(id: file.id) == StoredFile(id: file.id, name: "notes.txt", type: "text/plain", size: 42,
                                                                sha256: String(repeating: "e", count: 64)))
        #expect(try await store.file(id: FileID(file.id.rawValue + 1)) == nil)
        await close()
    }

    @Test("at once: everyone's reactions are counted and the last told count is right; one person's two toggles end where they began",
          arguments: StoreKinds.all)
    func racingReactions(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        var made: [UserRecord] = []
        for n in 0..<6 { made.append(try await person(store, "P\(n)")) }
        let people = made
        for round in 0..<3 {
            let id = try await Self.post(store, author, title: "Round \(round)")
            let since = try await heads(store, [.feed])[0]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for person in people { group.addTask { _ = try await store.react(post: id, user: person.id, emoji: "👏", on: nil, now: Self.now) } }
                try await group.waitForAll()
            }
            #expect(try await store.post(id: id, viewer: author.id).post.reactions == ["👏": people.count])
            let told = try await store.events(topic: .feed, since: since).events
            #expect(told.count == people.count)
            #expect(try Self.reactions(told.last) == ["👏": people.count])

            let results = await withTaskGroup(of: ErrorCode?.self) { group in
                for _ in 0..<2 { group.addTask { await refusal { try await store.react(post: id, user: people[0].id, emoji: "💡", on: nil, now: Self.now) } } }
                return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
            }
            #expect(results == [nil, nil])
            #expect(try await store.post(id: id, viewer: people[0].id).yourReactions == ["👏"])
        }
        await close()
    }

    @Test("at once: an edit and a deletion of one post end as one after the other (the edit refused `not_found` when it comes second)",
          arguments: StoreKinds.all)
    func racingEditAndDelete(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let author = try await person(store, "Author", role: .host)
        var ids: [PostID] = []
        for n in 0..<6 { ids.append(try await Self.post(store, author, title: "Post \(n)", body: "Mots anciens \(n)")) }
        let since = try await heads(store, [.feed])[0]
        let outcomes = await withTaskGroup(of: (edit: Bool, code: ErrorCode?).self) { group in
            for id in ids {
                group.addTask { (false, await refusal { try await store.deletePost(id, by: author, now: Self.now) }) }
                group.addTask {
                    (true, await refusal { try await store.editPost(id, title: "Nouveau", body: "Mots nouveaux", tags: ["neuf"], by: author, now: Self.now) })
                }
            }
            return await group.reduce(into: [(edit: Bool, code: ErrorCode?)]()) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0.edit }.allSatisfy { $0.code == nil })
        #expect(outcomes.filter { $0.edit }.allSatisfy { $0.code == nil || $0.code == .notFound })
        #expect(try await store.feed(filter: FeedFilter(), before: nil, limit: 10).posts.isEmpty)
        #expect(try await Self.search(store, "mots").isEmpty)
        #expect(try await Self.tagged(store, "neuf").isEmpty)
        let told = try await store.events(topic: .feed, since: since).events.map(\.type)
        #expect(told.filter { $0 == "post.deleted" }.count == 6)
        #expect(told.filter { $0 == "post.updated" }.count == outcomes.filter { $0.edit && $0.code == nil }.count)
        await close()
    }
}
