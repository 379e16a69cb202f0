import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// People, for any store: accounts, roles, direct messages and blocks; a refusal changes nothing.
struct PeopleContractTests {
    @Test(arguments: StoreFactory.all)
    func oneAccountPerEmail(factory: StoreFactory) async throws {
        let store = try factory.make()
        _ = try await store.createUser(email: "ana@example.org", passwordHash: "-", displayName: "Ana", locale: .fr, role: .participant, now: Given.now)
        #expect(await refusalCode {
            try await store.createUser(email: "ana@example.org", passwordHash: "-", displayName: "Other", locale: .en, role: .organiser, now: Given.now)
        } == .conflict)
        #expect(try await store.user(email: "ana@example.org")?.displayName == "Ana")
    }

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

    @Test(arguments: StoreFactory.all)
    func directMessagesGoToSomeoneElseWhoHasNotBlocked(factory: StoreFactory) async throws {
        let store = try factory.make()
        let ana = try await Given.person(store, "Ana")
        let ben = try await Given.person(store, "Ben")
        let topics: [Topic] = [.user(ana.id), .user(ben.id)]
        _ = try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Hello", key: nil, now: Given.now)
        #expect(await refusalCode { try await store.setBlock(blocker: ana.id, blocked: ana.id, on: true) } == .invalid)
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: true)
        let before = try await Given.log(store, topics)
        #expect(await refusalCode { try await store.sendDM(from: ana, to: ana.id.rawValue, text: "Me", key: nil, now: Given.now) } == .invalid)
        #expect(await refusalCode { try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Again", key: nil, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.sendDM(from: ben, to: ana.id.rawValue, text: "Back", key: nil, now: Given.now) } == .forbidden)
        #expect(try await Given.log(store, topics) == before)
        #expect(try await store.dmHistory(user: ben.id, with: ana.id.rawValue, before: nil).messages.map(\.text) == ["Hello"])
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: false)
        _ = try await store.sendDM(from: ana, to: ben.id.rawValue, text: "Again", key: nil, now: Given.now)
    }
}
