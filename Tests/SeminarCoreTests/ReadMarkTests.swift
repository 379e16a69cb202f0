import SeminarCore
import Testing

/// A person's read mark in a conversation: forward only, on a message that exists; what is unread after it.
struct ReadMarkTests {
    let me = UserID(1), agent = UserID(2)

    @Test func theMarkMovesForwardNeverBack() throws {
        #expect(try ReadMark.advance(nil, to: 3, newest: 5) == 3)
        #expect(try ReadMark.advance(3, to: 5, newest: 5) == 5)
        #expect(try ReadMark.advance(5, to: 2, newest: 5) == 5, "an older tab's late mark leaves it where it is")
    }

    @Test func theMarkNamesAMessageOfTheConversation() {
        #expect(refusal { _ = try ReadMark.advance(nil, to: nil, newest: 5) } == .invalid)
        #expect(refusal { _ = try ReadMark.advance(nil, to: 0, newest: 5) } == .invalid)
        #expect(refusal { _ = try ReadMark.advance(nil, to: 6, newest: 5) } == .notFound)
        #expect(refusal { _ = try ReadMark.advance(nil, to: 1, newest: nil) } == .notFound, "a conversation with no message")
    }

    @Test func unreadCountsOthersMessagesAfterTheMark() {
        let messages: [(id: Int64, author: UserID)] = [(1, me), (2, agent), (3, agent), (4, me), (5, agent)]
        #expect(ReadMark.unread(messages, after: nil, reader: me) == 3)
        #expect(ReadMark.unread(messages, after: 3, reader: me) == 1)
        #expect(ReadMark.unread(messages, after: 5, reader: me) == 0)
        #expect(ReadMark.unread(messages, after: 1, reader: agent) == 1, "the agent's count is of the asker's messages")
    }
}
