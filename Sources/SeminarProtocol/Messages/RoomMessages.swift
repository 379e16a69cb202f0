import SeminarCore

/// A live room as clients see it: the `room` of the `room.enter` snapshot, the `room.updated` event, and the reply to `room.lock`, `room.stream.set` and `room.pin`.
public struct RoomView: Codable, Sendable {
    /// The room's id (the `<id>` of its `room:<id>` topic).
    public let id: Int64
    /// The program session held in the room; nil for a room that is no session's (a meeting table, a breakout group).
    public let sessionId: Int64?
    /// The room's title, in the languages it has.
    public let title: LocalizedText
    /// `scheduled`, `open`, `live` or `ended`.
    public let state: String
    /// Locked: only hosts and people already in may enter.
    public let locked: Bool
    /// The most people who may be in at once; nil when there is no limit.
    public let capacity: Int?
    /// Stream addresses by language: `floor`, `fr`, `en`, `es` (only those set).
    public let streams: [String: String]
    /// The chat message pinned by a host; nil when none.
    public let pinnedMessageId: Int64?
    /// ISO 8601; nil when the room has no time of its own.
    public let startsAt: String?
    /// ISO 8601; for a breakout group, when the group ends. Nil when the room has no time of its own.
    public let endsAt: String?
    /// A breakout group's main room (nil for every other room).
    public let parentRoomId: Int64?

    /// Memberwise; `parentRoomId` defaults to nil (not a breakout group).
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
    /// How many groups run.
    public let groups: Int
    /// ISO 8601: when the groups end by themselves.
    public let endsAt: String
    /// The reader's own group's room; nil (left out) when they are in none.
    public let yourRoomId: Int64?
    /// Memberwise; `yourRoomId` defaults to nil.
    public init(groups: Int, endsAt: String, yourRoomId: Int64? = nil) {
        self.groups = groups
        self.endsAt = endsAt
        self.yourRoomId = yourRoomId
    }
}

/// A chat message of a room: the `chat.message` event, and the `chat` of the `room.enter` snapshot and `chat.history`.
public struct ChatMessageView: Codable, Sendable, Equatable {
    /// The message's id (what `replyTo`, `room.pin` and `chat.delete` name).
    public let id: Int64
    /// The room it was sent in.
    public let roomId: Int64
    /// Who sent it, with their badge in this room.
    public let author: AuthorView
    /// The text as sent (1–2,000 characters).
    public let text: String
    /// The id of the message it answers; nil when it answers none.
    public let replyTo: Int64?
    /// ISO 8601: when it was sent.
    public let at: String
    /// Memberwise.
    public init(id: Int64, roomId: Int64, author: AuthorView, text: String, replyTo: Int64?, at: String) {
        self.id = id
        self.roomId = roomId
        self.author = author
        self.text = text
        self.replyTo = replyTo
        self.at = at
    }
}

/// A question asked in a room: the `question.asked` event and the `questions` of the `room.enter` snapshot.
public struct QuestionView: Codable, Sendable, Equatable {
    /// The question's id (what `question.vote`, `question.answer` and `question.hide` name).
    public let id: Int64
    /// Who asked it, with their badge in this room.
    public let author: AuthorView
    /// The question (1–500 characters).
    public let text: String
    /// How many people voted for it.
    public let votes: Int
    /// Whether the reader voted for it.
    public let voted: Bool
    /// Whether a host marked it answered.
    public let answered: Bool
    /// Whether a host hid it (hidden questions reach hosts only).
    public let hidden: Bool
    /// ISO 8601: when it was asked.
    public let at: String
    /// Memberwise.
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

/// One word of a `words` poll and how many people gave it.
public struct WordCount: Codable, Sendable, Equatable {
    /// The word as given.
    public let word: String
    /// How many people gave it.
    public let count: Int
    /// Memberwise.
    public init(word: String, count: Int) {
        self.word = word
        self.count = count
    }
}

/// A poll of a room: `poll.created`, the reply to `poll.vote`, and the `polls` of the `room.enter` snapshot.
public struct PollView: Codable, Sendable, Equatable {
    /// The poll's id (what `poll.vote` and `poll.close` name).
    public let id: Int64
    /// The question asked.
    public let question: String
    /// `choice` (pick one option) or `words` (give 1–3 words).
    public let kind: String
    /// The options of a `choice` poll, in order; empty for a `words` poll.
    public let options: [String]
    /// Votes per option, in the order of `options`.
    public let counts: [Int]
    /// The words given to a `words` poll, with their counts.
    public let words: [WordCount]
    /// Whether a host closed it (no more votes).
    public let closed: Bool
    /// The index in `options` the reader voted for; nil when they have not voted (or the poll is a `words` one).
    public let yourVote: Int?
    /// The words the reader gave; empty when none.
    public let yourWords: [String]
    /// Memberwise.
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

/// A raised hand in a room's queue (the ephemeral `hands` event's `queue`).
public struct HandView: Codable, Sendable, Equatable {
    /// Whose hand it is.
    public let userId: Int64
    /// Their display name.
    public let displayName: String
    /// ISO 8601: when they raised it.
    public let raisedAt: String
    /// Memberwise.
    public init(userId: Int64, displayName: String, raisedAt: String) {
        self.userId = userId
        self.displayName = displayName
        self.raisedAt = raisedAt
    }
}

/// The reader's own standing in a room (the `you` of the `room.enter` snapshot).
public struct RoomYou: Codable, Sendable {
    /// Whether the reader may act as a host here (the room's hosts and organisers).
    public let isHost: Bool
    /// ISO 8601: until when the reader is muted; nil when they are not.
    public let mutedUntil: String?
    /// The reader's place in the hand queue (1 = first); nil when their hand is down.
    public let handPosition: Int?
    /// A breakout group's member: the group is a call they may go live in.
    public var groupCall: Bool?
    /// Memberwise; `groupCall` defaults to nil (left out).
    public init(isHost: Bool, mutedUntil: String?, handPosition: Int?, groupCall: Bool? = nil) {
        self.isHost = isHost
        self.mutedUntil = mutedUntil
        self.handPosition = handPosition
        self.groupCall = groupCall
    }
}

/// The snapshot of `room.enter` (and `subscribe room:<id>`): the room and what is going on in it.
public struct RoomSnapshot: Codable, Sendable {
    /// The room itself.
    public let room: RoomView
    /// The last 50 chat messages, oldest first.
    public let chat: [ChatMessageView]
    /// The questions, most votes first, then oldest; hidden ones for hosts only.
    public let questions: [QuestionView]
    /// The room's polls.
    public let polls: [PollView]
    /// The hand queue, in order.
    public var hands: [HandView]
    /// How many signed-in people are in the room, each counted once however many tabs they have in it.
    public var present: Int
    /// The reader's own standing in the room.
    public var you: RoomYou
    /// The breakout groups running under this room, if any (a main room only).
    public var breakout: BreakoutRunning?
    /// The stage (filled in by the server: its feeds are live state).
    public var stage: StageView?
    /// Memberwise; `stage` is left nil here (the server fills it in).
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
    /// At most 100: the room's hosts, organisers and agents, then everyone by name, with their badges and photos.
    public let people: [AuthorView]
    /// How many people are in the room.
    public let count: Int
    /// Memberwise.
    public init(people: [AuthorView], count: Int) {
        self.people = people
        self.count = count
    }
}

// MARK: requests

/// `room.enter`, `room.leave`, `room.open`, `room.start`, `room.end`, `room.people`, `hand.raise`, `breakout.end`: the room named.
public struct RoomRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// `room.enter` only: the last seq the client has; events after it are replayed.
    public let since: Int64?
}

/// `room.lock {roomId, locked?, capacity?}`: either or both; capacity 0 removes the limit.
public struct RoomLockRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// Lock (true) or unlock (false) the room; absent: unchanged.
    public let locked: Bool?
    /// The most people in at once, as present counts them; 0 removes the limit; absent: unchanged.
    public let capacity: Int?
}

/// `room.stream.set`: the stream of one language of a room.
public struct StreamSetRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The stream's address (http(s) media file or allowed player); "" removes it.
    public let url: String?
    /// `floor`, `fr`, `en` or `es`.
    public let language: String?
}

/// `room.pin`: pin a chat message, or unpin with `messageId` null.
public struct PinRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The message to pin; nil (or absent) unpins.
    public let messageId: ChatMessageID?
}

/// `room.mute`: mute a person in a room for some minutes.
public struct MuteRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The person to mute.
    public let userId: Int64?
    /// Minutes, at most 1,440; 0 unmutes.
    public let minutes: Int?
}

/// `room.remove`, `hand.lower` and `hand.grant`: a person in a room.
public struct PersonInRoomRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The person; for `hand.lower` absent means the sender.
    public let userId: Int64?
}

/// `chat.send`: a message to a room's chat.
public struct ChatSendRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The message (1–2,000 characters).
    public let text: String?
    /// The id of the message it answers, if any.
    public let replyTo: ChatMessageID?
}

/// `chat.delete`: the message to delete.
public struct MessageRequest: Codable, Sendable {
    /// The message's id (required).
    public let messageId: ChatMessageID?
}

/// `chat.history`: older messages of a room.
public struct ChatHistoryRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// Messages older than this message id; absent: the latest.
    public let before: ChatMessageID?
}

/// `question.ask`: a question to a room.
public struct QuestionAskRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The question (1–500 characters).
    public let text: String?
}

/// `question.vote`, `question.answer`, `question.hide`: the question named.
public struct QuestionRequest: Codable, Sendable {
    /// The question's id (required).
    public let questionId: QuestionID?
}

/// `poll.create`: a new poll in a room.
public struct PollCreateRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// The question asked.
    public let question: String?
    /// For `choice`: 2–10 distinct options; none for `words`.
    public let options: [String]?
    /// `choice` or `words`.
    public let kind: String?
}

/// `poll.vote`: an option (a `choice` poll) or words (a `words` poll).
public struct PollVoteRequest: Codable, Sendable {
    /// The poll's id (required).
    public let pollId: PollID?
    /// For `choice`: the index of the option in the poll's `options`.
    public let option: Int?
    /// For `words`: 1–3 words.
    public let words: [String]?
}

/// `poll.close`: the poll named.
public struct PollRequest: Codable, Sendable {
    /// The poll's id (required).
    public let pollId: PollID?
}

/// `reaction.send`: an emoji sent to a room (👏 ❤️ 😂 🎉 🤔 👍).
public struct ReactionRequest: Codable, Sendable {
    /// The room's id (required).
    public let roomId: RoomID?
    /// One of 👏 ❤️ 😂 🎉 🤔 👍.
    public let emoji: String?
}

// MARK: replies

/// The reply to `room.open`, `room.start` and `room.end`: the room's state after the move.
public struct RoomStateReply: Codable, Sendable {
    /// `scheduled`, `open`, `live` or `ended`.
    public let state: String
    /// Memberwise.
    public init(state: String) { self.state = state }
}

/// The reply to a creating request (`question.ask`, `poll.create`, `dm.send`, `feed.post`, `desk.message`…): the new thing's id and the seq of its event.
public struct CreatedReply: Codable, Sendable, Equatable {
    /// The id of what was created.
    public let id: Int64
    /// The seq of the event that reports it on its topic.
    public let seq: Int64
    /// Memberwise.
    public init(id: Int64, seq: Int64) {
        self.id = id
        self.seq = seq
    }
}

/// The reply to `chat.send`.
public struct ChatSendReply: Codable, Sendable, Equatable {
    /// The new message's id.
    public let messageId: Int64
    /// The seq of its `chat.message` event on `room:<id>`.
    public let seq: Int64
    /// Memberwise.
    public init(messageId: Int64, seq: Int64) {
        self.messageId = messageId
        self.seq = seq
    }
}

/// The reply to `chat.history`.
public struct ChatHistoryReply: Codable, Sendable {
    /// Up to 50 messages older than `before`, oldest first.
    public let messages: [ChatMessageView]
    /// Whether there are older ones still.
    public let more: Bool
    /// Memberwise.
    public init(messages: [ChatMessageView], more: Bool) {
        self.messages = messages
        self.more = more
    }
}

/// The reply to `hand.raise` and `hand.lower`.
public struct HandReply: Codable, Sendable {
    /// The sender's place in the hand queue (1 = first); nil once lowered.
    public let position: Int?
    /// Memberwise.
    public init(position: Int?) { self.position = position }
}
