import SeminarCore

/// Rooms' chat, questions and polls on the wire: the views clients read, and each ``RoomEvent``'s type and data.
extension RoomEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .chatMessage(let message): ("chat.message", try Outgoing.json(ChatMessageView(message)))
        case .chatDeleted(let id): ("chat.deleted", try Outgoing.json(["id": id]))
        case .questionAsked(let question): ("question.asked", try Outgoing.json(["question": QuestionView(question)]))
        case .questionVoted(let id, let votes): ("question.voted", try Outgoing.json(["id": id, "votes": Int64(votes)]))
        case .questionAnswered(let id): ("question.answered", try Outgoing.json(["id": id]))
        case .questionHidden(let id): ("question.hidden", try Outgoing.json(["id": id]))
        case .pollCreated(let poll): ("poll.created", try Outgoing.json(["poll": PollView(poll)]))
        case .pollResults(let poll): ("poll.results", try Outgoing.json(PollResults(id: poll.id, counts: poll.counts, words: poll.words.map(WordCount.init))))
        case .pollClosed(let id): ("poll.closed", try Outgoing.json(["id": id]))
        }
    }
}

extension ChatMessageView {
    public init(_ message: ChatMessage) {
        self.init(id: message.id, roomId: message.roomId, author: AuthorView(message.author), text: message.text, replyTo: message.replyTo,
                  at: message.at.iso8601)
    }
}

extension ChatHistoryReply {
    public init(_ page: ChatPage) {
        self.init(messages: page.messages.map(ChatMessageView.init), more: page.more)
    }
}

extension QuestionView {
    public init(_ question: Question) {
        self.init(id: question.id, author: AuthorView(question.author), text: question.text, votes: question.votes, voted: question.voted,
                  answered: question.answered, hidden: question.hidden, at: question.at.iso8601)
    }
}

extension PollView {
    public init(_ poll: PollTally) {
        self.init(id: poll.id, question: poll.question, kind: poll.kind.rawValue, options: poll.options, counts: poll.counts,
                  words: poll.words.map(WordCount.init), closed: poll.closed, yourVote: poll.yourVote, yourWords: poll.yourWords)
    }
}

extension WordCount {
    public init(_ tally: WordTally) {
        self.init(word: tally.word, count: tally.count)
    }
}

/// The `data` of `poll.results`.
private struct PollResults: Encodable {
    let id: Int64
    let counts: [Int]
    let words: [WordCount]
}
