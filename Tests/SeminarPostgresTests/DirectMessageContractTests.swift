import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Direct messages' conversations, unread counts and read marks (`DirectMessageStore`), held against every store: the
/// embedded SQLite one and the cluster's PostgreSQL one.
@Suite("direct message contract: SQLite and PostgreSQL")
struct DirectMessageContractTests {
    typealias Subject = AccountStore & PeopleStore & DirectMessageStore & EventLogStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func send(_ store: any Subject, _ from: UserRecord, _ to: UserRecord, _ text: String, at seconds: Int64 = 0) async throws {
        _ = try await store.sendDM(from: from, to: to.id.rawValue, text: text, key: nil, now: now.adding(seconds: seconds))
    }

    @Test("conversations: the latest first, with the last message (200 characters of it) and what is unread; blocked either way left out",
          arguments: StoreKinds.all)
    func conversations(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana")
        let ben = try await person(store, "Ben", role: .host)
        let carla = try await person(store, "Carla")
        #expect(try await store.conversations(user: ana.id).isEmpty)
        try await Self.send(store, ben, ana, "Hello", at: 1)
        try await Self.send(store, ana, carla, "Hola", at: 2)
        try await Self.send(store, ben, ana, String(repeating: "é", count: 300), at: 3)
        let listed = try await store.conversations(user: ana.id)
        #expect(listed == [Conversation(with: Author(id: ben.id, displayName: "Ben"), lastText: String(repeating: "é", count: 200),
                                        lastAt: Self.now.adding(seconds: 3), unread: 2),
                           Conversation(with: Author(id: carla.id, displayName: "Carla"), lastText: "Hola", lastAt: Self.now.adding(seconds: 2), unread: 0)])
        #expect(try await store.conversations(user: carla.id).map(\.unread) == [1])
        #expect(try await store.unreadDMs(user: ana.id) == ["\(ben.id.rawValue)": 2])
        #expect(try await store.unreadDMs(user: carla.id) == ["\(ana.id.rawValue)": 1])
        #expect(try await store.unreadDMs(user: ben.id).isEmpty)

        try await Self.send(store, carla, ana, "¿Qué tal?", at: 4)
        #expect(try await store.conversations(user: ana.id).map(\.with.id) == [carla.id, ben.id])
        try await store.setBlock(blocker: carla.id, blocked: ana.id, on: true)
        #expect(try await store.conversations(user: ana.id).map(\.with.id) == [ben.id])
        #expect(try await store.conversations(user: carla.id).isEmpty)
        await close()
    }

    @Test("at most the 50 latest conversations", arguments: StoreKinds.all)
    func fifty(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana")
        var others: [UserRecord] = []
        for n in 0..<52 {
            let other = try await person(store, "P\(n)")
            try await Self.send(store, other, ana, "\(n)", at: Int64(n))
            others.append(other)
        }
        let listed = try await store.conversations(user: ana.id)
        #expect(listed.map(\.with.id) == others.suffix(50).reversed().map(\.id))
        #expect(try await store.unreadDMs(user: ana.id).count == 52)
        await close()
    }

    @Test("reading marks the sender's messages read and tells the reader's topic once; reading again tells nothing; other senders stay unread",
          arguments: StoreKinds.all)
    func markRead(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana")
        let ben = try await person(store, "Ben")
        let carla = try await person(store, "Carla")
        try await Self.send(store, ben, ana, "One")
        try await Self.send(store, ben, ana, "Two")
        try await Self.send(store, carla, ana, "Three")
        try await Self.send(store, ana, ben, "Mine")
        let topics: [Topic] = [.user(ana.id), .user(ben.id), .user(carla.id)]
        var before = try await heads(store, topics)
        try await store.markDMsRead(user: ana.id, from: ben.id.rawValue, now: Self.now)
        let told = try await store.events(topic: .user(ana.id), since: before[0]).events
        #expect(told.map(\.type) == ["dm.read"] && told.first?.data.contains("\(ben.id.rawValue)") == true)
        #expect(try await heads(store, topics).dropFirst() == before.dropFirst())
        #expect(try await store.unreadDMs(user: ana.id) == ["\(carla.id.rawValue)": 1])
        #expect(try await store.unreadDMs(user: ben.id) == ["\(ana.id.rawValue)": 1])
        before = try await heads(store, topics)
        try await store.markDMsRead(user: ana.id, from: ben.id.rawValue, now: Self.now)
        try await store.markDMsRead(user: ana.id, from: 999_999, now: Self.now)
        #expect(try await heads(store, topics) == before)

        // Marks at once from several devices: one `dm.read`.
        try await Self.send(store, carla, ana, "Four")
        before = try await heads(store, topics)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await store.markDMsRead(user: ana.id, from: carla.id.rawValue, now: Self.now) } }
            try await group.waitForAll()
        }
        #expect(try await store.events(topic: .user(ana.id), since: before[0]).events.map(\.type) == ["dm.read"])
        #expect(try await store.unreadDMs(user: ana.id).isEmpty)
        await close()
    }
}
