import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The welcome desk's tickets (`DeskStore`), held against every store: the embedded SQLite one and the cluster's
/// PostgreSQL one. Who writes, reads and moves a ticket; a refusal appends nothing and changes nothing; what happens at
/// once (two agents, two tabs) ends as one.
@Suite("desk contract: SQLite and PostgreSQL")
struct DeskContractTests {
    typealias Subject = AccountStore & DeskStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static func person(_ store: any Subject, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: "\(name.lowercased())-\(UUID().uuidString.prefix(6))@example.org", passwordHash: "-", displayName: name,
                                   locale: .fr, role: role, now: now)
    }

    @Test("a ticket goes round and only its people touch it", arguments: StoreKinds.all)
    func roundTrip(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let asker = try await Self.person(store, "Asker")
        let agent = try await Self.person(store, "Agent", role: .agent)
        let other = try await Self.person(store, "Other", role: .agent)
        let stranger = try await Self.person(store, "Stranger")
        let asked = try await store.askDesk(asker: asker, text: "Where is the plenary?", page: "/program", roomId: nil, key: nil, agents: 1, now: Self.now)
        #expect(asked.state == .waiting && asked.position == 1 && asked.asker.displayName == "Asker" && asked.page == "/program")
        let ticket = asked.id
        #expect(try await store.events(topic: .desk, since: 0).events.map(\.type) == ["ticket.updated"])
        #expect(try await store.events(topic: .user(asker.id), since: 0).events.map(\.type) == ["ticket.updated"])
        let topics: [Topic] = [.desk, .user(asker.id), .user(agent.id), .user(stranger.id)]

        let claimed = try await store.moveTicket(ticket, .claim, by: agent, agents: 1, now: Self.now)
        #expect(claimed.state == .claimed && claimed.agent?.id == agent.id && claimed.position == nil)
        let before = try await heads(store, topics)
        #expect(await refusal { try await store.deskMessage(from: stranger, ticket: ticket, text: "Hi", link: nil, key: nil, now: Self.now, mailAsker: nil) }
                == .forbidden)
        #expect(await refusal { try await store.moveTicket(ticket, .release, by: other, agents: 1, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.moveTicket(ticket, .claim, by: other, agents: 1, now: Self.now) } == .conflict)
        #expect(await refusal { try await store.ticketTranscript(for: stranger, ticket: ticket, agents: 1) } == .forbidden)
        #expect(await refusal { try await store.moveTicket(TicketID(999_999), .claim, by: agent, agents: 1, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.askDesk(asker: stranger, text: "?", page: nil, roomId: RoomID(999_999), key: nil, agents: 1, now: Self.now) }
                == .notFound)
        #expect(try await heads(store, topics) == before)
        #expect(try await store.deskQueue(agents: 1).claimed.map(\.id) == [ticket])

        let reply = try await store.deskMessage(from: agent, ticket: ticket, text: "Room 2", link: nil, key: nil, now: Self.now, mailAsker: nil)
        #expect(try await store.events(topic: .user(agent.id), since: 0).events.last?.seq == reply.seq)
        #expect(try await store.events(topic: .user(asker.id), since: 0).events.last?.type == "desk.message")
        let unread = try await store.ticketTranscript(for: asker, ticket: nil, agents: 1)
        #expect(unread.ticket?.id == ticket && unread.messages.map(\.text) == ["Room 2"] && unread.unread == 1 && unread.readUpTo == nil)
        _ = try await store.moveTicket(ticket, .resolve, by: asker, agents: 1, now: Self.now)
        #expect(await refusal { try await store.deskMessage(from: asker, ticket: ticket, text: "Thanks", link: nil, key: nil, now: Self.now, mailAsker: nil) }
                == .conflict)
        let transcript = try await store.ticketTranscript(for: asker, ticket: ticket, agents: 1)
        #expect(transcript.ticket?.state == .resolved && transcript.messages.map(\.text).last == "Room 2")
        #expect(try await store.deskQueue(agents: 1).claimed.isEmpty)
        #expect(try await store.ticketTranscript(for: stranger, ticket: nil, agents: 1).ticket == nil)
        await close()
    }

    @Test("a second question goes to the person's open ticket; a retry with its key asks nothing more; the queue keeps its order",
          arguments: StoreKinds.all)
    func oneOpenTicket(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let ben = try await Self.person(store, "Ben")
        let agent = try await Self.person(store, "Agent", role: .agent)
        let first = try await store.askDesk(asker: ana, text: "One", page: nil, roomId: nil, key: "ask-1", agents: 1, now: Self.now)
        #expect(try await store.askDesk(asker: ana, text: "One", page: nil, roomId: nil, key: "ask-1", agents: 1, now: Self.now).id == first.id)
        let second = try await store.askDesk(asker: ana, text: "Two", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now)
        #expect(second.id == first.id)
        #expect(try await store.ticketTranscript(for: ana, ticket: nil, agents: 1).messages.map(\.text) == ["Two"])
        let bens = try await store.askDesk(asker: ben, text: "Help", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now.adding(seconds: 1))
        #expect(bens.position == 2)
        #expect(try await store.deskQueue(agents: 1).waiting.map(\.id) == [first.id, bens.id])

        // Released, a ticket goes back to its place: by when it was first asked.
        _ = try await store.moveTicket(first.id, .claim, by: agent, agents: 1, now: Self.now)
        #expect(try await store.deskQueue(agents: 1).waiting.map(\.position) == [1])
        _ = try await store.moveTicket(first.id, .release, by: agent, agents: 1, now: Self.now.adding(seconds: 5))
        #expect(try await store.deskQueue(agents: 1).waiting.map(\.id) == [first.id, bens.id])
        await close()
    }

    @Test("at once: one person's questions make one ticket; two agents' claims make one claim and one refusal", arguments: StoreKinds.all)
    func racing(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.person(store, "Ana")
        let asked = try await withThrowingTaskGroup(of: TicketID.self) { group in
            for index in 0..<4 {
                group.addTask { try await store.askDesk(asker: ana, text: "Q\(index)", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now).id }
            }
            return try await group.reduce(into: Set<TicketID>()) { $0.insert($1) }
        }
        #expect(asked.count == 1)
        let ticket = try #require(asked.first)
        #expect(try await store.ticketTranscript(for: ana, ticket: ticket, agents: 1).messages.count == 3)

        var agents: [UserRecord] = []
        for index in 0..<4 { agents.append(try await Self.person(store, "Agent\(index)", role: .agent)) }
        let outcomes = await withTaskGroup(of: ErrorCode?.self) { group in
            for agent in agents { group.addTask { await refusal { try await store.moveTicket(ticket, .claim, by: agent, agents: 4, now: Self.now) } } }
            return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1 && outcomes.filter { $0 == .conflict }.count == 3)
        #expect(try await store.events(topic: .desk, since: 0).events.count == 2)
        await close()
    }

    @Test("an agent's reply is mailed to an away asker in its transaction, in the asker's language; a refused one mails nothing",
          arguments: StoreKinds.all)
    func replyMail(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let asker = try await Self.person(store, "Asker")
        let agent = try await Self.person(store, "Agent", role: .agent)
        let stranger = try await Self.person(store, "Stranger")
        let ticket = try await store.askDesk(asker: asker, text: "Help", page: nil, roomId: nil, key: nil, agents: 1, now: Self.now).id
        _ = try await store.moveTicket(ticket, .claim, by: agent, agents: 1, now: Self.now)
        let composer: DeskReplyMail.Composer = { person, facts, _ in
            OutboxMail(kind: .deskReply, recipient: person.email, userID: person.id, language: person.language, fromName: "Desk",
                       content: MailContent(subject: "\(person.language.rawValue): \(facts.agent)", text: facts.text, html: facts.text))
        }
        #expect(await refusal {
            try await store.deskMessage(from: stranger, ticket: ticket, text: "No", link: nil, key: nil, now: Self.now, mailAsker: composer)
        } == .forbidden)
        #expect(try await store.outbox().isEmpty)
        _ = try await store.deskMessage(from: agent, ticket: ticket, text: "Room 2", link: nil, key: nil, now: Self.now, mailAsker: composer)
        // The asker writing again mails nobody: the mail goes to the asker only.
        _ = try await store.deskMessage(from: asker, ticket: ticket, text: "Thanks", link: nil, key: nil, now: Self.now, mailAsker: composer)
        let mails = try await store.outbox()
        #expect(mails.map(\.recipient) == [asker.email] && mails.map(\.kind) == ["desk_reply"])
        await close()
    }
}
