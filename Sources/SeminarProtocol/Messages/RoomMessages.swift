import SeminarCore

public struct RoomView: Codable, Sendable {
    public let id: Int64
    public let sessionId: Int64?
    public let title: LocalizedText
    public let state: String
    public let locked: Bool
    public let capacity: Int?
    public let streams: [String: String]
    public let pinnedMessageId: Int64?
    public let startsAt: String?
    public let endsAt: String?
    /// A breakout group's main room (nil for every other room).
    public let parentRoomId: Int64?

    public init(id: Int64, sessionId: Int64?, title: LocalizedText, state: String, locked: Bool, capacity: Int?,
                streams: [String: String], pinnedMessageId: Int64?, startsAt: String?, endsAt: String?, parentRoomId: Int64? = nil) {
        self.id = id
        self.sessionId = sessionId
        self.title = title
        self.state = state
        self.locked = locked
        self.capacity = capacity
        self.streams = streams
        self.pinnedMessageId = pinnedMessageId
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.parentRoomId = parentRoomId
    }
}

/// Breakout groups running under a main room: how many, when they end, and the reader's own group's room (nil when
/// they are in none), so that a page opened again while groups run still leads its reader to their group.
public struct BreakoutRunning: Codable, Sendable, Equatable {
    public let groups: Int
    public let endsAt: String
    public let yourRoomId: Int64?
    public init(groups: Int, endsAt: String, yourRoomId: Int64? = nil) {
        self.groups = groups
        self.endsAt = endsAt
        self.yourRoomId = yourRoomId
    }
}

public struct ChatMessageView: Codable, Sendable, Equatable {
    public let id: Int64
    public let roomId: Int64
    public let author: AuthorView
    public let text: String
    public let replyTo: Int64?
    public let at: String
    public init(id: Int64, roomId: Int64, author: AuthorView, text: String, replyTo: Int64?, at: String) {
        self.id = id
        self.roomId = roomId
        self.author = author
        self.text = text
        self.replyTo = replyTo
        self.at = at
    }
}

public struct QuestionView: Codable, Sendable, Equatable {
    public let id: Int64
    public let author: AuthorView
    public let text: String
    public let votes: Int
    public let voted: Bool
    public let answered: Bool
    public let hidden: Bool
    public let at: String
    public init(id: Int64, author: AuthorView, text: String, votes: Int, voted: Bool, answered: Bool, hidden: Bool, at: String) {
        self.id = id
        self.author = author
        self.text = text
        self.votes = votes
        self.voted = voted
        self.answered = answered
        self.hidden = hidden
        self.at = at
    }
}

public struct WordCount: Codable, Sendable, Equatable {
    public let word: String
    public let count: Int
    public init(word: String, count: Int) {
        self.word = word
        self.count = count
    }
}

public struct PollView: Codable, Sendable, Equatable {
    public let id: Int64
    public let question: String
    public let kind: String
    public let options: [String]
    public let counts: [Int]
    public let words: [WordCount]
    public let closed: Bool
    public let yourVote: Int?
    public let yourWords: [String]
    public init(id: Int64, question: String, kind: String, options: [String], counts: [Int], words: [WordCount], closed: Bool,
                yourVote: Int?, yourWords: [String]) {
        self.id = id
        self.question = question
        self.kind = kind
        self.options = options
        self.counts = counts
        self.words = words
        self.closed = closed
        self.yourVote = yourVote
        self.yourWords = yourWords
    }
}

public struct HandView: Codable, Sendable, Equatable {
    public let userId: Int64
    public let displayName: String
    public let raisedAt: String
    public init(userId: Int64, displayName: String, raisedAt: String) {
        self.userId = userId
        self.displayName = displayName
        self.raisedAt = raisedAt
    }
}

public struct RoomYou: Codable, Sendable {
    public let isHost: Bool
    public let mutedUntil: String?
    public let handPosition: Int?
    /// A breakout group's member: the group is a call they may go live in.
    public var groupCall: Bool?
    public init(isHost: Bool, mutedUntil: String?, handPosition: Int?, groupCall: Bool? = nil) {
        self.isHost = isHost
        self.mutedUntil = mutedUntil
        self.handPosition = handPosition
        self.groupCall = groupCall
    }
}

public struct RoomSnapshot: Codable, Sendable {
    public let room: RoomView
    public let chat: [ChatMessageView]
    public let questions: [QuestionView]
    public let polls: [PollView]
    public var hands: [HandView]
    public var present: Int
    public var you: RoomYou
    /// The breakout groups running under this room, if any (a main room only).
    public var breakout: BreakoutRunning?
    /// The stage (filled in by the server: its feeds are live state).
    public var stage: StageView?
    public init(room: RoomView, chat: [ChatMessageView], questions: [QuestionView], polls: [PollView], hands: [HandView], present: Int, you: RoomYou,
                breakout: BreakoutRunning? = nil) {
        self.room = room
        self.chat = chat
        self.questions = questions
        self.polls = polls
        self.hands = hands
        self.present = present
        self.you = you
        self.breakout = breakout
    }
}

/// `room.people`: the first names of who is in a room (hosts first, with badges) and how many are in.
public struct RoomPeopleReply: Codable, Sendable, Equatable {
    public let people: [AuthorView]
    public let count: Int
    public init(people: [AuthorView], count: Int) {
        self.people = people
        self.count = count
    }
}

// MARK: requests

public struct RoomRequest: Codable, Sendable {
    public let roomId: Int64?
    public let since: Int64?
}

/// `room.lock {roomId, locked?, capacity?}`: either or both; capacity 0 removes the limit.
public struct RoomLockRequest: Codable, Sendable {
    public let roomId: Int64?
    public let locked: Bool?
    public let capacity: Int?
}

public struct StreamSetRequest: Codable, Sendable {
    public let roomId: Int64?
    public let url: String?
    public let language: String?
}

public struct PinRequest: Codable, Sendable {
    public let roomId: Int64?
    public let messageId: Int64?
}

public struct MuteRequest: Codable, Sendable {
    public let roomId: Int64?
    public let userId: Int64?
    public let minutes: Int?
}

public struct PersonInRoomRequest: Codable, Sendable {
    public let roomId: Int64?
    public let userId: Int64?
}

public struct ChatSendRequest: Codable, Sendable {
    public let roomId: Int64?
    public let text: String?
    public let replyTo: Int64?
}

public struct MessageRequest: Codable, Sendable {
    public let messageId: Int64?
}

public struct ChatHistoryRequest: Codable, Sendable {
    public let roomId: Int64?
    public let before: Int64?
}

public struct QuestionAskRequest: Codable, Sendable {
    public let roomId: Int64?
    public let text: String?
}

public struct QuestionRequest: Codable, Sendable {
    public let questionId: Int64?
}

public struct PollCreateRequest: Codable, Sendable {
    public let roomId: Int64?
    public let question: String?
    public let options: [String]?
    public let kind: String?
}

public struct PollVoteRequest: Codable, Sendable {
    public let pollId: Int64?
    public let option: Int?
    public let words: [String]?
}

public struct PollRequest: Codable, Sendable {
    public let pollId: Int64?
}

public struct ReactionRequest: Codable, Sendable {
    public let roomId: Int64?
    public let emoji: String?
}

// MARK: replies

public struct RoomStateReply: Codable, Sendable {
    public let state: String
    public init(state: String) { self.state = state }
}

public struct CreatedReply: Codable, Sendable, Equatable {
    public let id: Int64
    public let seq: Int64
    public init(id: Int64, seq: Int64) {
        self.id = id
        self.seq = seq
    }
}

public struct ChatSendReply: Codable, Sendable, Equatable {
    public let messageId: Int64
    public let seq: Int64
    public init(messageId: Int64, seq: Int64) {
        self.messageId = messageId
        self.seq = seq
    }
}

public struct ChatHistoryReply: Codable, Sendable {
    public let messages: [ChatMessageView]
    public let more: Bool
    public init(messages: [ChatMessageView], more: Bool) {
        self.messages = messages
        self.more = more
    }
}

public struct HandReply: Codable, Sendable {
    public let position: Int?
    public init(position: Int?) { self.position = position }
}
