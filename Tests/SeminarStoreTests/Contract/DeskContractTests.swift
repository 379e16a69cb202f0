import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// The welcome desk's tickets, for any store: who writes, reads and moves a ticket, and a refusal changes nothing.
struct DeskContractTests {
    @Test(arguments: StoreFactory.all)
    func aTicketGoesRoundAndOnlyItsPeopleTouchIt(factory: StoreFactory) async throws {
        let store = try factory.make()
        let asker = try await Given.person(store, "Asker")
        let agent = try await Given.person(store, "Agent", role: .agent)
        let other = try await Given.person(store, "Other", role: .agent)
        let stranger = try await Given.person(store, "Stranger")
        let ticket = try await store.askDesk(asker: asker, text: "Where is the plenary?", page: nil, roomId: nil, key: nil,
                                             agents: 1, now: Given.now).id
        let topics: [Topic] = [.desk, .user(asker.id), .user(agent.id), .user(stranger.id)]

        _ = try await store.moveTicket(ticket, .claim, by: agent, agents: 1, now: Given.now)
        let before = try await Given.log(store, topics)
        #expect(await refusalCode { try await store.deskMessage(from: stranger, ticket: ticket, text: "Hi", link: nil, key: nil, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.moveTicket(ticket, .release, by: other, agents: 1, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.moveTicket(ticket, .claim, by: other, agents: 1, now: Given.now) } == .conflict)
        #expect(await refusalCode { try await store.ticketTranscript(for: stranger, ticket: ticket, agents: 1) } == .forbidden)
        #expect(try await Given.log(store, topics) == before)
        #expect(try await store.deskQueue(agents: 1).claimed.map(\.id) == [ticket])

        _ = try await store.deskMessage(from: agent, ticket: ticket, text: "Room 2", link: nil, key: nil, now: Given.now)
        _ = try await store.moveTicket(ticket, .resolve, by: asker, agents: 1, now: Given.now)
        #expect(await refusalCode { try await store.deskMessage(from: asker, ticket: ticket, text: "Thanks", link: nil, key: nil, now: Given.now) } == .conflict)
        let transcript = try await store.ticketTranscript(for: asker, ticket: ticket, agents: 1)
        #expect(transcript.ticket?.state == .resolved)
        #expect(transcript.messages.map(\.text).last == "Room 2")
    }
}
