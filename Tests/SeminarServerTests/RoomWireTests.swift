import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// Rooms' chat, questions and polls, and direct messages, on the wire: each domain event is written as clients (and the log's older rows) read it.
/// Compared as JSON values: an object nested in a dictionary comes out with its keys in no set order (as it always did).
struct RoomWireTests {
    static let at = Timestamp(milliseconds: 1_700_000_000_000)
    static let host = Author(id: UserID(7), displayName: "Ana", badge: .host)

    static func wire(_ event: RoomEvent) throws -> (type: String, data: String) {
        try EventWire.seminar.encode(.room(event), 1)
    }

    static func object(_ json: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    /// Whether `event` goes on the wire as `type` with `data` (as JSON values).
    static func expect(_ event: RoomEvent, _ type: String, _ data: String) throws {
        let wire = try wire(event)
        #expect(wire.type == type)
        #expect(try object(wire.data) == object(data))
    }

    @Test func requestsNameRoomsMessagesQuestionsAndPollsByTheirNumbers() throws {
        func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T { try JSONDecoder().decode(type, from: Data(json.utf8)) }
        let chat = try decode(ChatSendRequest.self, #"{"roomId":4,"text":"Hi","replyTo":9}"#)
        #expect(chat.roomId == RoomID(4) && chat.replyTo == ChatMessageID(9))
        #expect(try decode(QuestionRequest.self, #"{"questionId":3}"#).questionId == QuestionID(3))
        #expect(try decode(PollRequest.self, #"{"pollId":6}"#).pollId == PollID(6))
        #expect(try decode(DMHistoryRequest.self, #"{"with":8,"before":11}"#).before == DirectMessageID(11))
    }

    @Test func questionsKeepTheirTypesAndData() throws {
        let question = Question(id: QuestionID(3), author: Self.host, text: "Why?", votes: 0, voted: false, answered: false, hidden: false, at: Self.at)
        try Self.expect(.questionAsked(question), "question.asked", #"{"question":{"id":3,"author":{"id":7,"displayName":"Ana","badge":"host"},"# +
                        #""text":"Why?","votes":0,"voted":false,"answered":false,"hidden":false,"at":"\#(Self.at.iso8601)"}}"#)
        try Self.expect(.questionVoted(id: QuestionID(3), votes: 2), "question.voted", #"{"id":3,"votes":2}"#)
        try Self.expect(.questionAnswered(id: QuestionID(3)), "question.answered", #"{"id":3}"#)
        try Self.expect(.questionHidden(id: QuestionID(3)), "question.hidden", #"{"id":3}"#)
    }

    @Test func pollsKeepTheirTypesAndData() throws {
        let poll = PollTally(id: PollID(5), question: "Which?", kind: .choice, options: ["A", "B"], counts: [1, 0], words: [WordTally(word: "water", count: 2)],
                             closed: false, yourVote: nil, yourWords: [])
        try Self.expect(.pollCreated(poll), "poll.created", #"{"poll":{"id":5,"question":"Which?","kind":"choice","options":["A","B"],"# +
                        #""counts":[1,0],"words":[{"word":"water","count":2}],"closed":false,"yourWords":[]}}"#)
        try Self.expect(.pollResults(poll), "poll.results", #"{"id":5,"counts":[1,0],"words":[{"word":"water","count":2}]}"#)
        try Self.expect(.pollClosed(id: PollID(5)), "poll.closed", #"{"id":5}"#)
    }

    @Test func chatKeepsItsTypesAndData() throws {
        let message = ChatMessage(id: ChatMessageID(9), roomId: RoomID(4), author: Self.host, text: "Welcome", replyTo: ChatMessageID(2), at: Self.at)
        try Self.expect(.chatMessage(message), "chat.message", #"{"id":9,"roomId":4,"author":{"id":7,"displayName":"Ana","badge":"host"},"# +
                        #""text":"Welcome","replyTo":2,"at":"\#(Self.at.iso8601)"}"#)
        try Self.expect(.chatDeleted(id: ChatMessageID(9)), "chat.deleted", #"{"id":9}"#)
    }

    @Test func roomStatesAndBreakoutsKeepTheirTypesAndData() throws {
        try Self.expect(.stateChanged(roomId: RoomID(4), sessionId: SessionID(2), state: .live), "room.state", #"{"roomId":4,"sessionId":2,"state":"live"}"#)
        try Self.expect(.stateChanged(roomId: RoomID(6), sessionId: nil, state: .ended), "room.state", #"{"roomId":6,"state":"ended"}"#)
        let group = BreakoutGroup(roomId: RoomID(6), parentRoomId: RoomID(4), group: 1, endsAt: Self.at, members: [Author(id: UserID(8), displayName: "Ben")])
        try Self.expect(.breakoutAssigned(group), "breakout.assigned", #"{"roomId":6,"parentRoomId":4,"group":1,"endsAt":"\#(Self.at.iso8601)","# +
                        #""members":[{"id":8,"displayName":"Ben"}]}"#)
        try Self.expect(.breakoutsStarted(groups: 3, endsAt: Self.at), "breakout.started", #"{"groups":3,"endsAt":"\#(Self.at.iso8601)"}"#)
        try Self.expect(.breakoutsEnded(parentRoomId: RoomID(4)), "breakout.ended", #"{"parentRoomId":4}"#)
    }

    @Test func directMessagesKeepTheirTypesAndData() throws {
        let message = DirectMessage(id: DirectMessageID(11), from: Self.host, to: Author(id: UserID(8), displayName: "Ben"), text: "Coffee?", at: Self.at)
        let sent = try EventWire.seminar.encode(.people(.directMessage(message)), 1)
        #expect(sent.type == "dm.message")
        #expect(try Self.object(sent.data) == Self.object(#"{"id":11,"from":{"id":7,"displayName":"Ana","badge":"host"},"# +
                                                             #""to":{"id":8,"displayName":"Ben"},"text":"Coffee?","at":"\#(Self.at.iso8601)"}"#))
        let read = try EventWire.seminar.encode(.people(.directMessagesRead(with: 8)), 2)
        #expect(read.type == "dm.read" && read.data == #"{"with":8}"#)
    }

    @Test func hostSettingsAndModerationKeepTheirTypesAndData() throws {
        let room = Room(id: RoomID(4), sessionId: SessionID(2), kind: "session", parentRoomId: nil, state: .live, locked: true, capacity: 300, streams: ["en": "https://v.example/1"],
                        pinnedMessageId: ChatMessageID(9), title: LocalizedText(en: "Water"), startsAt: Self.at, endsAt: nil)
        try Self.expect(.updated(room), "room.updated", #"{"room":{"id":4,"sessionId":2,"title":{"en":"Water"},"state":"live","locked":true,"# +
                        #""capacity":300,"streams":{"en":"https://v.example/1"},"pinnedMessageId":9,"startsAt":"\#(Self.at.iso8601)"}}"#)
        try Self.expect(.muted(userId: 8, until: Self.at), "room.muted", #"{"userId":8,"until":"\#(Self.at.iso8601)"}"#)
        try Self.expect(.muted(userId: 8, until: nil), "room.muted", #"{"userId":8}"#)
        try Self.expect(.removed(userId: 8), "room.removed", #"{"userId":8}"#)
    }

    @Test func aRoomsSnapshotSaysAMuteOnlyWhileItLasts() {
        let room = Room(id: RoomID(4), sessionId: nil, kind: "channel", parentRoomId: nil, state: .open, locked: false, capacity: nil, streams: [:],
                        pinnedMessageId: nil, title: LocalizedText(en: "Channel"), startsAt: nil, endsAt: nil)
        let entry = RoomEntry(room: room, chat: [], questions: [], polls: [], isHost: false, mutedUntil: Self.at, breakout: nil)
        #expect(RoomSnapshot(entry, now: Self.at.adding(seconds: -60)).you.mutedUntil == Self.at.iso8601)
        #expect(RoomSnapshot(entry, now: Self.at).you.mutedUntil == nil)
    }

    @Test func aStoreWithoutTheWireRefusesToAppendADomainEvent() {
        #expect(throws: DomainError.self) { try EventWire.unmapped.encode(.room(.pollClosed(id: PollID(5))), 1) }
    }
}
