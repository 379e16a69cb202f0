import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// Roles, for any store; a refusal changes nothing. (Accounts, profiles, blocks and direct messages: `AccountContractTests` and
/// `PeopleContractTests` in the PostgreSQL tests' target, held against SQLite and PostgreSQL.)
struct PeopleContractTests {
    @Test(arguments: StoreFactory.all)
    func anOrganiserCannotDemoteThemselfAndARoomGoesWithHosting(factory: StoreFactory) async throws {
        let store = try factory.make()
        let room = try await Given.sessionRoom(store)
        let organiser = try await Given.person(store, "Organiser", role: .organiser)
        let ana = try await Given.person(store, "Ana")
        let topics: [Topic] = [.user(organiser.id), .user(ana.id)]
        let before = try await Given.log(store, topics)
        #expect(await refusalCode { try await store.setRole(of: organiser.id.rawValue, to: .participant, roomId: nil, by: organiser, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.setRole(of: ana.id.rawValue, to: .agent, roomId: room, by: organiser, now: Given.now) } == .invalid)
        #expect(try await Given.log(store, topics) == before)
        #expect(try await store.user(id: organiser.id)?.role == .organiser)
        #expect(try await store.user(id: ana.id)?.role == .participant)
        #expect(try await store.setRole(of: ana.id.rawValue, to: .host, roomId: room, by: organiser, now: Given.now).role == .host)
        #expect(try await store.isRoomHost(user: try #require(try await store.user(id: ana.id)), room: room))
    }
}
