import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The desk's queue as agents and the server see it (`DeskQueueStore`), held against every store: positions, claims,
/// the asker's language, a room's title, and read marks that only move forward.
@Suite("desk queue contract: SQLite and PostgreSQL")
struct DeskQueueContractTests {
    typealias Subject = AccountStore & ProgramStore & DeskStore & DeskQueueStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now

    @Test("positions in queue order, claims by agent, the asker's language and a room's title", arguments: StoreKinds.all)
    func queue(kind: String) async throws {
        let (store, close) = try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
        defer { Task { await close() } }
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let first = try await person(store, "First", locale: .es), second = try await person(store, "Second", locale: .fr)
        let agent = try await person(store, "Agent", role: .agent)
        let one = try await store.askDesk(asker: first, text: "One", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now)
        let two = try await store.askDesk(asker: second, text: "Two", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now.adding(seconds: 1))
        #expect(try await store.waitingPositions(agents: 1).map { [$0.ticketId.rawValue, $0.asker.rawValue, Int64($0.position)] }
                == [[one.id.rawValue, first.id.rawValue, 1], [two.id.rawValue, second.id.rawValue, 2]])
        _ = try await store.moveTicket(one.id, .claim, by: agent, agents: 1, now: Self.now)
        #expect(try await store.waitingPositions(agents: 1).map(\.ticketId) == [two.id])
        #expect(try await store.claimedTickets(agent: agent.id).map { [$0.ticket.rawValue, $0.agent.rawValue] } == [[one.id.rawValue, agent.id.rawValue]])
        #expect(try await store.claimedTickets(agent: nil).count == 1)
        #expect(try await store.claimedTickets(agent: second.id).isEmpty)
        #expect(try await store.askerLocale(ticket: one.id) == .es)
        #expect(try await store.askerLocale(ticket: two.id) == .fr)
        #expect(await refusal { try await store.askerLocale(ticket: TicketID(999_999)) } == .notFound)
        let room = try #require(try await store.program(for: nil).sessions.first { $0.key == "s1" }?.roomId)
        #expect(try await store.roomTitle(room, language: .en) == "Plenary")
        #expect(await refusal { try await store.roomTitle(RoomID(999_999), language: .en) } == .notFound)
    }

    @Test("a read mark moves forward only, told once on the reader's topic; a stranger may not mark", arguments: StoreKinds.all)
    func readMarks(kind: String) async throws {
        let (store, close) = try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
        defer { Task { await close() } }
        let asker = try await person(store, "Asker"), agent = try await person(store, "Agent", role: .agent), stranger = try await person(store, "Stranger")
        let ticket = try await store.askDesk(asker: asker, text: "Hello", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now).id
        _ = try await store.moveTicket(ticket, .claim, by: agent, agents: 1, now: Self.now)
        let reply = try await store.deskMessage(from: agent, ticket: ticket, text: "Hi", link: nil, key: nil, now: Self.now, mailAsker: nil)
        let later = try await store.deskMessage(from: agent, ticket: ticket, text: "Still there?", link: nil, key: nil, now: Self.now, mailAsker: nil)
        let topic = Topic.user(asker.id)
        let start = try await heads(store, [topic])[0]
        #expect(try await store.markDeskRead(ticket: ticket, upTo: DeskMessageID(later.id), by: asker, now: Self.now) == DeskMessageID(later.id))
        #expect(try await store.events(topic: topic, since: start).events.map(\.type) == ["desk.read"])
        #expect(try await store.markDeskRead(ticket: ticket, upTo: DeskMessageID(reply.id), by: asker, now: Self.now) == DeskMessageID(later.id),
                "never back")
        #expect(try await heads(store, [topic])[0] == start + 1, "an unmoved mark tells nobody")
        let before = try await heads(store, [.user(stranger.id), topic])
        #expect(await refusal { try await store.markDeskRead(ticket: ticket, upTo: nil, by: stranger, now: Self.now) } != nil)
        #expect(try await heads(store, [.user(stranger.id), topic]) == before)
    }
}
