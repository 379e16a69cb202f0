import SeminarCore
import Testing

/// A person's read mark in a conversation: forward only, on a message that exists; what is unread after it.
struct ReadMarkTests {
    let me = UserID(1), agent = UserID(2)

    /// Desk message `n` (any conversation's messages are read the same way).
    func m(_ n: Int64) -> DeskMessageID { DeskMessageID(n) }

    @Test func theMarkMovesForwardNeverBack() throws {
        #expect(try ReadMark.advance(nil, to: m(3), newest: m(5)) == m(3))
        #expect(try ReadMark.advance(m(3), to: m(5), newest: m(5)) == m(5))
        #expect(try ReadMark.advance(m(5), to: m(2), newest: m(5)) == m(5), "an older tab's late mark leaves it where it is")
    }

    @Test func theMarkNamesAMessageOfTheConversation() {
        #expect(refusal { _ = try ReadMark.advance(nil, to: nil, newest: m(5)) } == .invalid)
        #expect(refusal { _ = try ReadMark.advance(nil, to: m(0), newest: m(5)) } == .invalid)
        #expect(refusal { _ = try ReadMark.advance(nil, to: m(6), newest: m(5)) } == .notFound)
        #expect(refusal { _ = try ReadMark.advance(nil, to: m(1), newest: nil) } == .notFound, "a conversation with no message")
    }

    @Test func unreadCountsOthersMessagesAfterTheMark() {
        let messages: [(id: DeskMessageID, author: UserID)] = [(m(1), me), (m(2), agent), (m(3), agent), (m(4), me), (m(5), agent)]
        #expect(ReadMark.unread(messages, after: nil, reader: me) == 3)
        #expect(ReadMark.unread(messages, after: m(3), reader: me) == 1)
        #expect(ReadMark.unread(messages, after: m(5), reader: me) == 0)
        #expect(ReadMark.unread(messages, after: m(1), reader: agent) == 1, "the agent's count is of the asker's messages")
    }
}
