import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// A session room, for any store: host acts, deleting messages, breakouts, one vote per question; a refusal changes nothing.
struct RoomContractTests {
    /// Every room check passes: the room rule is Core's (``RoomAccess``), tested there; here the store's own part.
    let anyone: RoomCheck = { _ in }

    @Test(arguments: StoreFactory.all)
    func onlyOrganisersAndTheSessionsHostsRunTheRoom(factory: StoreFactory) async throws {
        let store = try factory.make()
        let room = try await Given.sessionRoom(store)
        let host = try await Given.person(store, "Host", role: .host)
        let otherHost = try await Given.person(store, "Other host", role: .host)
        let organiser = try await Given.person(store, "Organiser", role: .organiser)
        let session = try #require(try await store.room(id: room).sessionId)
        try await store.addHost(user: host.id, session: session)
        #expect(try await store.isRoomHost(user: host, room: room))
        #expect(try await store.isRoomHost(user: organiser, room: room))
        #expect(try await !store.isRoomHost(user: otherHost, room: room))

        let before = try await Given.log(store, [.room(room)])
        #expect(await refusalCode { try await store.moveRoom(room, .open, by: otherHost, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.endBreakouts(parent: room, by: otherHost, now: Given.now) } == .forbidden)
        #expect(await refusalCode { try await store.endBreakouts(parent: room, by: host, now: Given.now) } == .conflict)
        #expect(await refusalCode { try await store.startBreakouts(parent: room, groups: [], minutes: 5, by: host, now: Given.now) } == .conflict)
        #expect(try await Given.log(store, [.room(room)]) == before)
        #expect(try await store.room(id: room).state == .scheduled)
        #expect(try await store.moveRoom(room, .open, by: host, now: Given.now) == .open)
    }

    @Test(arguments: StoreFactory.all)
    func aSessionsPageIsEditedByItsHostsAndOrganisersOnly(factory: StoreFactory) async throws {
        let store = try factory.make()
        let room = try await Given.sessionRoom(store)
        let session = try #require(try await store.room(id: room).sessionId)
        let host = try await Given.person(store, "Host", role: .host)
        let otherHost = try await Given.person(store, "Other host", role: .host)
        let organiser = try await Given.person(store, "Organiser", role: .organiser)
        try await store.addHost(user: host.id, session: session)
        let edit = SessionEdit(title: LocalizedText(en: "Renamed"))
        #expect(try await store.session(id: session, for: host).canEdit)
        #expect(try await !store.session(id: session, for: otherHost).canEdit)
        #expect(try await store.session(id: session, for: organiser).canEdit)

        let before = try await Given.log(store, [.seminar])
        #expect(await refusalCode { try await store.updateSession(id: session, edit: edit, author: otherHost, now: Given.now) } == .forbidden)
        #expect(try await Given.log(store, [.seminar]) == before)
        let start = try await store.session(id: session, for: host).session.revision
        #expect(try await store.updateSession(id: session, edit: edit, author: host, now: Given.now).revision == start + 1)
        #expect(try await store.updateSession(id: session, edit: SessionEdit(title: LocalizedText(en: "Again")), author: organiser, now: Given.now).revision
                == start + 2)
    }

    @Test(arguments: StoreFactory.all)
    func messagesAreDeletedByTheirAuthorOrAHostAndQuestionsVotedOnce(factory: StoreFactory) async throws {
        let store = try factory.make()
        let room = try await Given.sessionRoom(store)
        let author = try await Given.person(store, "Author")
        let reader = try await Given.person(store, "Reader")
        let organiser = try await Given.person(store, "Organiser", role: .organiser)
        let message = ChatMessageID(try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: nil, now: Given.now, check: anyone).id)
        let question = QuestionID(try await store.askQuestion(room: room, text: "Why?", by: author, key: nil, now: Given.now, check: anyone).id)

        let before = try await Given.log(store, [.room(room)])
        #expect(await refusalCode { try await store.deleteChat(message: message, by: reader, now: Given.now) } == .forbidden)
        #expect(try await Given.log(store, [.room(room)]) == before)
        try await store.deleteChat(message: message, by: organiser, now: Given.now)

        #expect(try await store.voteQuestion(question, by: reader, now: Given.now, check: anyone) == 1)
        let voted = try await Given.log(store, [.room(room)])
        #expect(await refusalCode { try await store.voteQuestion(question, by: reader, now: Given.now, check: anyone) } == .conflict)
        #expect(try await Given.log(store, [.room(room)]) == voted)
        #expect(try await store.voteQuestion(question, by: organiser, now: Given.now, check: anyone) == 2)
    }

    @Test(arguments: StoreFactory.all)
    func chatTellsTheRoomWithTheWiresEventsAndARetryGetsTheSameAnswer(factory: StoreFactory) async throws {
        let store = try factory.make()
        let room = try await Given.sessionRoom(store)
        let author = try await Given.person(store, "Author")
        let sent = try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: "chat-1", now: Given.now, check: anyone)
        let again = try await store.sendChat(room: room, text: "Hello", replyTo: nil, by: author, key: "chat-1", now: Given.now, check: anyone)
        #expect(again == sent)
        let told = try #require(try await store.events(topic: .room(room), since: sent.seq - 1).events.first)
        #expect(told.type == "chat.message" && told.seq == sent.seq)
        let view = try JSONDecoder().decode(ChatMessageView.self, from: Data(told.data.utf8))
        #expect(view.id == sent.id && view.roomId == room.rawValue && view.text == "Hello" && view.author.id == author.id.rawValue && view.replyTo == nil)
        #expect(try await store.chatHistory(room: room, before: nil).messages.map(\.id) == [ChatMessageID(sent.id)])

        try await store.deleteChat(message: ChatMessageID(sent.id), by: author, now: Given.now)
        let deleted = try #require(try await store.events(topic: .room(room), since: sent.seq).events.first)
        #expect(deleted.type == "chat.deleted" && deleted.data == #"{"id":\#(sent.id)}"#)
        #expect(try await store.chatHistory(room: room, before: nil).messages.isEmpty)
    }
}
