import SeminarCore

/// Rooms' chat, questions and polls on the wire: the views clients read, and each ``RoomEvent``'s type and data.
extension RoomEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .stateChanged(let roomId, let sessionId, let state):
            try EventType.roomState.with(RoomStateChange(roomId: roomId.rawValue, sessionId: sessionId?.rawValue, state: state.rawValue))
        case .breakoutAssigned(let group): try EventType.breakoutAssigned.with(BreakoutAssignment(group))
        case .breakoutsStarted(let groups, let endsAt): try EventType.breakoutStarted.with(BreakoutsStarted(groups: groups, endsAt: endsAt.iso8601))
        case .breakoutsEnded(let parentRoomId): try EventType.breakoutEnded.with(["parentRoomId": parentRoomId.rawValue])
        case .updated(let room): try EventType.roomUpdated.with(["room": RoomView(room)])
        case .muted(let userId, let until): try EventType.roomMuted.with(MutedEvent(userId: userId, until: until?.iso8601))
        case .removed(let userId): try EventType.roomRemoved.with(["userId": userId])
        case .chatMessage(let message): try EventType.chatMessage.with(ChatMessageView(message))
        case .chatDeleted(let id): try EventType.chatDeleted.with(["id": id.rawValue])
        case .questionAsked(let question): try EventType.questionAsked.with(["question": QuestionView(question)])
        case .questionVoted(let id, let votes): try EventType.questionVoted.with(["id": id.rawValue, "votes": Int64(votes)])
        case .questionAnswered(let id): try EventType.questionAnswered.with(["id": id.rawValue])
        case .questionHidden(let id): try EventType.questionHidden.with(["id": id.rawValue])
        case .pollCreated(let poll): try EventType.pollCreated.with(["poll": PollView(poll)])
        case .pollResults(let poll): try EventType.pollResults.with(PollResults(id: poll.id.rawValue, counts: poll.counts, words: poll.words.map(WordCount.init)))
        case .pollClosed(let id): try EventType.pollClosed.with(["id": id.rawValue])
        }
    }
}

extension ChatMessageView {
    /// A chat message, its time as ISO 8601.
    public init(_ message: ChatMessage) {
        self.init(id: message.id.rawValue, roomId: message.roomId.rawValue, author: AuthorView(message.author), text: message.text, replyTo: message.replyTo?.rawValue,
                  at: message.at.iso8601)
    }
}

extension ChatHistoryReply {
    /// A page of chat history.
    public init(_ page: ChatPage) {
        self.init(messages: page.messages.map(ChatMessageView.init), more: page.more)
    }
}

extension QuestionView {
    /// A question as the reader sees it (`voted` is theirs).
    public init(_ question: Question) {
        self.init(id: question.id.rawValue, author: AuthorView(question.author), text: question.text, votes: question.votes, voted: question.voted,
                  answered: question.answered, hidden: question.hidden, at: question.at.iso8601)
    }
}

extension PollView {
    /// A poll as the reader sees it (`yourVote`, `yourWords` are theirs).
    public init(_ poll: PollTally) {
        self.init(id: poll.id.rawValue, question: poll.question, kind: poll.kind.rawValue, options: poll.options, counts: poll.counts,
                  words: poll.words.map(WordCount.init), closed: poll.closed, yourVote: poll.yourVote, yourWords: poll.yourWords)
    }
}

extension WordCount {
    /// One word of a words poll and its count.
    public init(_ tally: WordTally) {
        self.init(word: tally.word, count: tally.count)
    }
}

extension BreakoutRunning {
    /// The breakout groups running under a room.
    public init(_ running: RunningBreakouts) {
        self.init(groups: running.groups, endsAt: running.endsAt.iso8601, yourRoomId: running.yourRoomId?.rawValue)
    }
}

/// A breakout group as its members get it (`breakout.assigned`, and the host's reply to `breakout.start`).
public struct BreakoutAssignment: Codable, Sendable, Equatable {
    /// The group's room (enter it with `room.enter`).
    public let roomId: Int64
    /// The main room the group came from.
    public let parentRoomId: Int64
    /// The group's number.
    public let group: Int
    /// ISO 8601: when the group ends by itself.
    public let endsAt: String
    /// The group's members.
    public let members: [AuthorView]

    /// The assignment of one group.
    public init(_ group: BreakoutGroup) {
        roomId = group.roomId.rawValue
        parentRoomId = group.parentRoomId.rawValue
        self.group = group.group
        endsAt = group.endsAt.iso8601
        members = group.members.map(AuthorView.init)
    }
}

/// The `data` of `room.state` (`sessionId` left out for a group's room).
private struct RoomStateChange: Encodable {
    let roomId: Int64
    let sessionId: Int64?
    let state: String
}

/// The `data` of `breakout.started`.
private struct BreakoutsStarted: Encodable {
    let groups: Int
    let endsAt: String
}

/// The `data` of `poll.results`.
private struct PollResults: Encodable {
    let id: Int64
    let counts: [Int]
    let words: [WordCount]
}

extension RoomView {
    /// A room's view; its times as ISO 8601.
    public init(_ room: Room) {
        self.init(id: room.id.rawValue, sessionId: room.sessionId?.rawValue, title: room.title, state: room.state.rawValue, locked: room.locked, capacity: room.capacity,
                  streams: room.streams, pinnedMessageId: room.pinnedMessageId?.rawValue, startsAt: room.startsAt?.iso8601, endsAt: room.endsAt?.iso8601,
                  parentRoomId: room.parentRoomId?.rawValue)
    }
}

extension RoomSnapshot {
    /// The stored part of a room's snapshot (the server adds who is there, the hands and the stage: live state).
    public init(_ entry: RoomEntry, now: Timestamp) {
        self.init(room: RoomView(entry.room), chat: entry.chat.map(ChatMessageView.init), questions: entry.questions.map(QuestionView.init),
                  polls: entry.polls.map(PollView.init), hands: [], present: 0,
                  you: RoomYou(isHost: entry.isHost, mutedUntil: entry.mutedUntil.flatMap { $0 > now ? $0.iso8601 : nil }, handPosition: nil),
                  breakout: entry.breakout.map(BreakoutRunning.init))
    }
}

/// `room.muted`: until when (nil, left out: no longer muted).
private struct MutedEvent: Encodable {
    let userId: Int64
    let until: String?
}
