import Foundation
import SeminarCore
import SeminarPostgres
import SeminarProtocol
import SeminarStore
import Testing

/// A session room (`RoomStore`: host acts, chat, questions, breakout groups), held against every store: the embedded
/// SQLite one and the cluster's PostgreSQL one. A refusal appends nothing and changes nothing.
@Suite("room contract: SQLite and PostgreSQL")
struct RoomContractTests {
    typealias Subject = AccountStore & ProgramStore & RoomStore & EventLogStore
    static let now = ProgramContractTests.now
    /// Every room check passes: the room rule is Core's (``RoomAccess``), tested there; here the store's own part.
    static let anyone: RoomCheck = { _ in }

    static func person(_ store: any Subject, _ name: String, role: Role = .participant) async throws -> UserRecord {
        try await ProgramContractTests.person(store, name, role: role)
    }

    /// A fresh store with the contract program loaded; the first session's room and the session.
    static func make(_ kind: String) async throws -> (store: any Subject, room: RoomID, session: SessionID, close: @Sendable () async -> Void) {
        let (store, close) = try await ProgramContractTests.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let viewer = try await person(store, "Viewer")
        let first = try #require(try await store.program(for: viewer.id).sessions.first)
        return (store, try #require(first.roomId), first.id, close)
    }

    @Test("only organisers and the session's hosts run the room; its state moves and is told on the room and `seminar`",
          arguments: StoreKinds.all)
    func hosting(kind: String) async throws {
        let (store, room, session, close) = try await Self.make(kind)
        let host = try await Self.person(store, "Host", role: .host)
        let otherHost = try await Self.person(store, "Other host", role: .host)
        let organiser = try await Self.person(store, "Organiser", role: .organiser)
        try await store.addHost(user: host.id, session: session)
        #expect(try await store.isRoomHost(user: host, room: room))
        #expect(try await store.isRoomHost(user: organiser, room: room))
        #expect(try await !store.isRoomHost(user: otherHost, room: room))
        #expect(await refusal { try await store.room(id: RoomID(999_999)) } == .notFound)

        let before = try await heads(store, [.room(room), .seminar])
        #expect(await refusal { try await store.moveRoom(room, .open, by: otherHost, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.moveRoom(room, .end, by: host, now: Self.now) } == .conflict)
        #expect(await refusal { try await store.endBreakouts(parent: room, by: otherHost, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.endBreakouts(parent: room, by: host, now: Self.now) } == .conflict)
        #expect(await refusal { try await store.startBreakouts(parent: room, groups: [], minutes: 5, by: host, now: Self.now) } == .conflict)
        #expect(try await heads(store, [.room(room), .seminar]) == before)
        #expect(try await store.room(id: room).state == .scheduled)

        #expect(try await store.moveRoom(room, .open, by: host, now: Self.now) == .open)
        #expect(try await store.moveRoom(room, .start, by: organiser, now: Self.now) == .live)
        let told = try await store.events(topic: .room(room), since: before[0]).events
        let seminar = try await store.events(topic: .seminar, since: before[1]).events
        #expect(told.map(\.type) == ["room.state", "room.state"] && seminar.map(\.type) == ["room.state", "room.state"])
        #expect(try await store.room(id: room).state == .live && told.last?.data.contains("live") == true)
        await close()
    }

    @Test("chat tells the room with the wire's events; a retry with its key gets the same answer; history pages back",
          arguments: StoreKinds.all)
    func chat(kind: String) async throws {
        let (store, room, _, close) = try await Self.make(kind)
        let author = try await Self.person(store, "Author")
        let sent = try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: "chat-1", now: Self.now, check: Self.anyone)
        #expect(try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: "chat-1", now: Self.now, check: Self.anyone) == sent)
        let told = try #require(try await store.events(topic: .room(room), since: sent.seq - 1).events.first)
        #expect(told.type == "chat.message" && told.seq == sent.seq)
        let view = try JSONDecoder().decode(ChatMessageView.self, from: Data(told.data.utf8))
        #expect(view.id == sent.id && view.roomId == room.rawValue && view.text == "Hello" && view.author.id == author.id.rawValue && view.replyTo == nil)

        let reply = try await store.sendChat(room: room, text: "Re", replyTo: ChatMessageID(sent.id), by: author, key: nil, now: Self.now, check: Self.anyone)
        let before = try await heads(store, [.room(room)])
        #expect(await refusal {
            try await store.sendChat(room: room, text: "Lost", replyTo: ChatMessageID(999_999), by: author, key: nil, now: Self.now, check: Self.anyone)
        } == .notFound)
        #expect(await refusal {
            try await store.sendChat(room: room, text: "No", replyTo: nil, by: author, key: nil, now: Self.now) { _ in
                throw DomainError(.forbidden, "muted")
            }
        } == .forbidden)
        #expect(try await heads(store, [.room(room)]) == before)
        for index in 0..<55 {
            _ = try await store.sendChat(room: room, text: "m\(index)", replyTo: nil, by: author, key: nil, now: Self.now, check: Self.anyone)
        }
        let newest = try await store.chatHistory(room: room, before: nil)
        #expect(newest.messages.count == 50 && newest.more && newest.messages.last?.text == "m54")
        let older = try await store.chatHistory(room: room, before: newest.messages[0].id)
        #expect(older.messages.map(\.text) == ["Hello", "Re", "m0", "m1", "m2", "m3", "m4"] && !older.more)
        #expect(older.messages.map(\.id.rawValue).prefix(2) == [sent.id, reply.id] && older.messages[1].replyTo == ChatMessageID(sent.id))

        try await store.deleteChat(message: ChatMessageID(sent.id), by: author, now: Self.now)
        let deleted = try #require(try await store.events(topic: .room(room), since: 0).events.last)
        #expect(deleted.type == "chat.deleted" && deleted.data == #"{"id":\#(sent.id)}"#)
        #expect(try await store.chatHistory(room: room, before: older.messages[2].id).messages.map(\.id.rawValue) == [reply.id])
        #expect(await refusal { try await store.chatHistory(room: RoomID(999_999), before: nil) } == .notFound)
        await close()
    }

    @Test("messages are deleted by their author or a host, once; questions are voted once per person", arguments: StoreKinds.all)
    func deletingAndVoting(kind: String) async throws {
        let (store, room, _, close) = try await Self.make(kind)
        let author = try await Self.person(store, "Author")
        let reader = try await Self.person(store, "Reader")
        let organiser = try await Self.person(store, "Organiser", role: .organiser)
        let message = ChatMessageID(try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: nil, now: Self.now, check: Self.anyone).id)
        let question = try await store.askQuestion(room: room, text: "Why?", by: author, key: "q-1", now: Self.now, check: Self.anyone)
        #expect(try await store.askQuestion(room: room, text: "Why?", by: author, key: "q-1", now: Self.now, check: Self.anyone) == question)
        let asked = try #require(try await store.events(topic: .room(room), since: question.seq - 1).events.first)
        #expect(asked.type == "question.asked" && asked.data.contains("Why?"))

        let before = try await heads(store, [.room(room)])
        #expect(await refusal { try await store.deleteChat(message: message, by: reader, now: Self.now) } == .forbidden)
        #expect(await refusal { try await store.deleteChat(message: ChatMessageID(999_999), by: organiser, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.voteQuestion(QuestionID(999_999), by: reader, now: Self.now, check: Self.anyone) } == .notFound)
        #expect(try await heads(store, [.room(room)]) == before)
        try await store.deleteChat(message: message, by: organiser, now: Self.now)
        try await store.deleteChat(message: message, by: author, now: Self.now)
        #expect(try await heads(store, [.room(room)]) == [before[0] + 1])

        #expect(try await store.voteQuestion(QuestionID(question.id), by: reader, now: Self.now, check: Self.anyone) == 1)
        let voted = try await heads(store, [.room(room)])
        #expect(await refusal { try await store.voteQuestion(QuestionID(question.id), by: reader, now: Self.now, check: Self.anyone) } == .conflict)
        #expect(try await heads(store, [.room(room)]) == voted)
        #expect(try await store.voteQuestion(QuestionID(question.id), by: organiser, now: Self.now, check: Self.anyone) == 2)
        await close()
    }

    @Test("votes of many people at once are all counted, each told with its count", arguments: StoreKinds.all)
    func racingVotes(kind: String) async throws {
        let (store, room, _, close) = try await Self.make(kind)
        let author = try await Self.person(store, "Author")
        let question = QuestionID(try await store.askQuestion(room: room, text: "Why?", by: author, key: nil, now: Self.now, check: Self.anyone).id)
        var voters: [UserRecord] = []
        for index in 0..<8 { voters.append(try await Self.person(store, "Voter\(index)")) }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for voter in voters { group.addTask { try await store.voteQuestion(question, by: voter, now: Self.now, check: Self.anyone) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.sorted() == Array(1...8))
        await close()
    }

    @Test("breakout groups: each member is told their group; ending sends everyone back, once", arguments: StoreKinds.all)
    func breakouts(kind: String) async throws {
        let (store, room, session, close) = try await Self.make(kind)
        let host = try await Self.person(store, "Host", role: .host)
        try await store.addHost(user: host.id, session: session)
        let (ana, ben, eva) = (try await Self.person(store, "Ana"), try await Self.person(store, "Ben"), try await Self.person(store, "Eva"))
        let groups = try await store.startBreakouts(parent: room, groups: [[ana.id, ben.id], [eva.id]], minutes: 10, by: host, now: Self.now)
        #expect(groups.map(\.group) == [1, 2] && groups.map { $0.members.map(\.displayName) } == [["Ana", "Ben"], ["Eva"]])
        #expect(groups.allSatisfy { $0.parentRoomId == room && $0.endsAt == Self.now.adding(seconds: 600) })
        let first = try await store.room(id: groups[0].roomId)
        #expect(first.kind == "breakout" && first.state == .live && first.parentRoomId == room && first.title.en == "Group 1")
        // A breakout group is run by the main room's hosts.
        #expect(try await store.isRoomHost(user: host, room: groups[0].roomId))
        #expect(try await store.events(topic: .user(ana.id), since: 0).events.map(\.type) == ["breakout.assigned"])
        #expect(try await store.events(topic: .room(room), since: 0).events.map(\.type) == ["breakout.started"])
        #expect(await refusal { try await store.startBreakouts(parent: room, groups: [[ana.id]], minutes: 5, by: host, now: Self.now) } == .conflict)

        #expect(try await store.endBreakouts(parent: room, by: nil, now: Self.now) == groups.map(\.roomId))
        #expect(try await store.room(id: groups[1].roomId).state == .ended)
        #expect(try await store.events(topic: .user(eva.id), since: 0).events.map(\.type) == ["breakout.assigned", "breakout.ended"])
        #expect(try await store.events(topic: .room(groups[0].roomId), since: 0).events.map(\.type) == ["room.state"])
        #expect(await refusal { try await store.endBreakouts(parent: room, by: host, now: Self.now) } == .conflict)
        await close()
    }
}
