import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// People's roles (`RoleStore`), held against every store: the embedded SQLite one and the cluster's PostgreSQL one. A
/// refusal changes nothing; the person is told on their own topic.
@Suite("role contract: SQLite and PostgreSQL")
struct RoleContractTests {
    typealias Subject = AccountStore & RoleStore & ProgramStore & RoomStore & EventLogStore

    @Test("an organiser cannot demote themself; a room goes with hosting; hosting is given and taken back", arguments: StoreKinds.all)
    func roles(kind: String) async throws {
        let (store, close) = try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let organiser = try await ProgramContractTests.person(store, "Organiser", role: .organiser)
        let ana = try await ProgramContractTests.person(store, "Ana")
        let room = try #require(try await store.program(for: ana.id).sessions.first?.roomId)
        let now = ProgramContractTests.now
        let topics: [Topic] = [.user(organiser.id), .user(ana.id)]
        let before = try await heads(store, topics)
        #expect(await refusal { try await store.setRole(of: organiser.id.rawValue, to: .participant, roomId: nil, by: organiser, now: now) } == .forbidden)
        #expect(await refusal { try await store.setRole(of: ana.id.rawValue, to: .agent, roomId: room, by: organiser, now: now) } == .invalid)
        #expect(await refusal { try await store.setRole(of: 999_999, to: .agent, roomId: nil, by: organiser, now: now) } == .notFound)
        #expect(await refusal { try await store.setRole(of: ana.id.rawValue, to: .host, roomId: RoomID(999_999), by: organiser, now: now) } == .notFound)
        #expect(await refusal { try await store.removeHost(user: ana.id.rawValue, room: room, now: now) } == .notFound, "not hosting it")
        #expect(try await heads(store, topics) == before)
        #expect(try await store.user(id: organiser.id)?.role == .organiser)
        #expect(try await store.user(id: ana.id)?.role == .participant)

        let set = try await store.setRole(of: ana.id.rawValue, to: .host, roomId: room, by: organiser, now: now)
        #expect(set.role == .host && set.displayName == "Ana")
        #expect(try await store.isRoomHost(user: try #require(try await store.user(id: ana.id)), room: room))
        #expect(try await store.events(topic: .user(ana.id), since: 0).events.map(\.type) == ["role.changed", "hosting.changed"])
        try await store.removeHost(user: ana.id.rawValue, room: room, now: now)
        #expect(try await !store.isRoomHost(user: try #require(try await store.user(id: ana.id)), room: room))
        // A participant again hosts nothing: the role takes the sessions with it.
        _ = try await store.setRole(of: ana.id.rawValue, to: .host, roomId: room, by: organiser, now: now)
        _ = try await store.setRole(of: ana.id.rawValue, to: .participant, roomId: nil, by: organiser, now: now)
        #expect(try await !store.isRoomHost(user: try #require(try await store.user(id: ana.id)), room: room))
        await close()
    }
}
