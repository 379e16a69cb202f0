import Foundation
import SeminarCore
import SeminarPostgres
import SeminarProtocol
import SeminarStore
import Testing

/// People (`PeopleStore`: profiles, blocks, direct messages), held against every store: the embedded SQLite one and the
/// cluster's PostgreSQL one. A refusal appends nothing and changes nothing.
@Suite("people contract: SQLite and PostgreSQL")
struct PeopleContractTests {
    typealias Subject = AccountStore & PeopleStore & EventLogStore
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func person(_ store: any Subject, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: "\(name.lowercased())@example.org", passwordHash: "-", displayName: name, locale: .fr, role: role, now: now)
    }

    @Test("a direct message goes to both people's topics, as clients read it; a retry with its key sends nothing more", arguments: StoreKinds.all)
    func directMessages(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana", role: .host)
        let ben = try await Self.person(store, "Ben")
        let sent = try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Hello", key: "k-1", now: Self.now)
        #expect(try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Hello", key: "k-1", now: Self.now) == sent)
        let mine = try await store.events(topic: .user(ana.id), since: 0).events
        let theirs = try await store.events(topic: .user(ben.id), since: 0).events
        #expect(mine.map(\.seq) == [sent.seq] && mine.map(\.type) == ["dm.message"] && theirs.map(\.type) == ["dm.message"])
        let data = try #require(try JSONSerialization.jsonObject(with: Data(theirs[0].data.utf8)) as? [String: Any])
        #expect(data["text"] as? String == "Hello" && (data["id"] as? NSNumber)?.int64Value == sent.id)
        #expect((data["from"] as? [String: Any])?["badge"] as? String == "host")
        let history = try await store.dmHistory(user: ben.id, with: ana.id.rawValue, before: nil)
        #expect(history.messages.map(\.text) == ["Hello"] && !history.more)
        #expect(history.messages.first?.from == Author(id: ana.id, displayName: "Ana", badge: .host))
        await close()
    }

    @Test("retries with one key at once make one message and get one reply", arguments: StoreKinds.all)
    func racingRetries(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let ben = try await Self.person(store, "Ben")
        let replies = try await withThrowingTaskGroup(of: Created.self) { group in
            for _ in 0..<4 { group.addTask { try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Once", key: "same-key", now: Self.now) } }
            return try await group.reduce(into: [Created]()) { $0.append($1) }
        }
        #expect(Set(replies.map(\.id)).count == 1 && replies.count == 4)
        #expect(try await store.dmHistory(user: ben.id, with: ana.id.rawValue, before: nil).messages.map(\.text) == ["Once"])
        #expect(try await store.events(topic: .user(ben.id), since: 0).events.count == 1)
        await close()
    }

    @Test("nobody writes to themself nor across a block, either way; a refusal appends nothing", arguments: StoreKinds.all)
    func blocks(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let ben = try await Self.person(store, "Ben")
        let topics: [Topic] = [.user(ana.id), .user(ben.id)]
        #expect(await refusal { try await store.setBlock(blocker: ana.id, blocked: ana.id, on: true) } == .invalid)
        #expect(await refusal { try await store.setBlock(blocker: ana.id, blocked: UserID(999), on: true) } == .notFound)
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: true)
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: true)  // again: no change, no error
        let before = try await heads(store, topics)
        #expect(await refusal { try await store.sendDM(from: ana, to: ana.id.rawValue, text: "Me", key: nil, now: Self.now) } == .invalid)
        #expect(await refusal { try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Hi", key: nil, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.sendDM(from: ben, to: ana.id.rawValue, text: "Hi", key: nil, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.sendDM(from: ana, to: 999, text: "Hi", key: nil, now: Self.now) } == .notFound)
        #expect(try await heads(store, topics) == before)
        #expect(try await store.dmHistory(user: ben.id, with: ana.id.rawValue, before: nil).messages.isEmpty)
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: false)
        _ = try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Hi", key: nil, now: Self.now)
        await close()
    }

    @Test("history pages backwards 50 at a time, oldest first within a page", arguments: StoreKinds.all)
    func history(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let ben = try await Self.person(store, "Ben")
        var ids: [Int64] = []
        for n in 1...55 { ids.append(try await store.sendDM(from: n % 2 == 0 ? ana : ben, to: (n % 2 == 0 ? ben : ana).id.rawValue, text: "\(n)", key: nil,
                                                                 now: Self.now).id) }
        let latest = try await store.dmHistory(user: ana.id, with: ben.id.rawValue, before: nil)
        #expect(latest.messages.map(\.text) == (6...55).map(String.init) && latest.more)
        let older = try await store.dmHistory(user: ben.id, with: ana.id.rawValue, before: DirectMessageID(ids[5]))
        #expect(older.messages.map(\.text) == (1...5).map(String.init) && !older.more)
        await close()
    }

    @Test("a profile edit keeps what it does not name; a new name shows everywhere; an unknown interest is refused", arguments: StoreKinds.all)
    func profiles(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let first = try await store.updateProfile(user: ana.id, edit: ProfileEdit(organisation: "Ville de Dakar", city: "Dakar", languages: ["fr", "en"]))
        #expect(first.profile.organisation == "Ville de Dakar" && first.profile.city == "Dakar" && first.displayName == "Ana")
        let second = try await store.updateProfile(user: ana.id, edit: ProfileEdit(displayName: "Ana Diallo", title: "Mayor"))
        #expect(second.displayName == "Ana Diallo" && second.profile.organisation == "Ville de Dakar" && second.profile.title == "Mayor")
        #expect(try await store.user(id: ana.id)?.displayName == "Ana Diallo")
        #expect(await refusal { try await store.updateProfile(user: ana.id, edit: ProfileEdit(interests: ["no-such-interest"])) } == .invalid)
        #expect(await refusal { try await store.updateProfile(user: ana.id, edit: ProfileEdit(displayName: "  ")) } == .invalid)
        #expect(try await store.updateProfile(user: ana.id, edit: ProfileEdit()).profile == second.profile)
        await close()
    }

    @Test("a direct message sent on one node reaches the recipient's topic on another, once, after its commit")
    func acrossNodes() async throws {
        let url = try await TestPostgres.freshDatabase()
        let nodes = try await (0..<2).asyncMap { index in
            let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
            let delivered = EventCollector()
            let bus = ClusterBus(database: database, node: "node-\(index)", sink: delivered.sink)
            bus.start()
            return (store: PostgresStore(database: database, bus: bus, wire: .seminar), bus: bus, delivered: delivered)
        }
        let (a, b) = (nodes[0], nodes[1])
        let ana = try await Self.person(a.store, "Ana")
        let ben = try await Self.person(b.store, "Ben")
        b.bus.follow(.user(ben.id), after: 0)
        let sent = try await a.store.sendDM(from: ana, to: ben.id.rawValue, text: "From node a", key: nil, now: Self.now)
        let arrived = try await b.delivered.wait(for: 1)
        #expect(arrived.map(\.topic) == ["user:\(ben.id.rawValue)"] && arrived.map(\.type) == ["dm.message"])
        #expect(arrived.first?.data.contains("From node a") == true && arrived.first?.seq == 1)
        #expect(try await b.store.dmHistory(user: ben.id, with: ana.id.rawValue, before: nil).messages.map(\.id) == [DirectMessageID(sent.id)])
        for node in nodes {
            node.bus.stop()
            node.store.database.close()
        }
        await TestPostgres.drop(url)
    }
}

extension Range where Bound == Int {
    /// Each index's value, made one after the other.
    func asyncMap<T>(_ make: (Int) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for index in self { values.append(try await make(index)) }
        return values
    }
}
