import SeminarCore
import SeminarProtocol
import SeminarStore

/// Chat, questions, polls, hands and reactions in a room.
struct RoomActivityHandlers {
    let services: Services

    func chatSend(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(ChatSendRequest.self)
        let id = try roomID(payload.roomId)
        let text = try Validate.text(payload.text, field: "text", max: TextLimits.chat)
        let now = services.clock()
        let sent = try await services.database.sendChat(room: id, text: text, replyTo: payload.replyTo, by: user, key: info.key, now: now,
                                                        check: roomCheck(.speak, session: session, now: now))
        return .reply(ChatSendReply(messageId: sent.id, seq: sent.seq))
    }

    func chatDelete(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(MessageRequest.self).messageId else { throw DomainError.invalid("messageId", "messageId is required") }
        try await services.database.deleteChat(message: id, by: user, now: services.clock())
        return .reply(EmptyPayload())
    }

    func chatHistory(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(ChatHistoryRequest.self)
        let id = try roomID(payload.roomId)
        try roomCheck(.read, session: session, now: services.clock())(try await services.database.roomFacts(room: id, for: user).facts)
        return .reply(ChatHistoryReply(try await services.database.chatHistory(room: id, before: payload.before)))
    }

    func questionAsk(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(QuestionAskRequest.self)
        let id = try roomID(payload.roomId)
        let text = try Validate.text(payload.text, field: "text", max: TextLimits.question)
        let now = services.clock()
        return .reply(CreatedReply(try await services.database.askQuestion(room: id, text: text, by: user, key: info.key, now: now,
                                                                           check: roomCheck(.speak, session: session, now: now))))
    }

    func questionVote(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try questionID(info)
        let now = services.clock()
        return .reply(["votes": try await services.database.voteQuestion(id, by: user, now: now, check: roomCheck(.vote, session: session, now: now))])
    }

    func questionMark(_ info: RequestInfo, answered: Bool, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        try await services.database.markQuestion(try questionID(info), answered: answered, by: user, now: services.clock())
        return .reply(EmptyPayload())
    }

    func pollCreate(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PollCreateRequest.self)
        let poll = try NewPoll(question: payload.question, options: payload.options, kind: payload.kind)
        return .reply(CreatedReply(try await services.database.createPoll(room: try roomID(payload.roomId), poll: poll, by: user, now: services.clock())))
    }

    func pollVote(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PollVoteRequest.self)
        guard let id = payload.pollId else { throw DomainError.invalid("pollId", "pollId is required") }
        let now = services.clock()
        return .reply(PollView(try await services.database.votePoll(id, option: payload.option, words: payload.words, by: user, now: now,
                                                                    check: roomCheck(.vote, session: session, now: now))))
    }

    func pollClose(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(PollRequest.self).pollId else { throw DomainError.invalid("pollId", "pollId is required") }
        try await services.database.closePoll(id, by: user, now: services.clock())
        return .reply(EmptyPayload())
    }

    func handRaise(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try roomID(try info.request.payload(RoomRequest.self).roomId)
        try roomCheck(.raiseHand, session: session, now: services.clock())(try await services.database.roomFacts(room: id, for: user).facts)
        return .reply(HandReply(position: try await services.rooms.raise(room: id, user: UserRecordLite(id: user.id, name: user.displayName))))
    }

    func handLower(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PersonInRoomRequest.self)
        let id = try roomID(payload.roomId)
        let target = payload.userId.map(UserID.init) ?? user.id
        // Lowering your own hand needs no look-up.
        let hosts = target == user.id ? false : try await services.database.isRoomHost(user: user, room: id)
        try RoomHosting.mayLowerHand(of: target, by: user.id, isHost: hosts)
        try await services.rooms.lower(room: id, user: target)
        return .reply(HandReply(position: nil))
    }

    func handGrant(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PersonInRoomRequest.self)
        let id = try roomID(payload.roomId)
        try RoomHosting.mayGrantHand(isHost: try await services.database.isRoomHost(user: user, room: id))
        guard let target = payload.userId else { throw DomainError.invalid("userId", "userId is required") }
        try await services.rooms.grant(room: id, user: UserID(target))
        return .reply(EmptyPayload())
    }

    func reaction(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(ReactionRequest.self)
        let id = try roomID(payload.roomId)
        let emoji = try Reaction.validate(payload.emoji)
        try roomCheck(.react, session: session, now: services.clock())(try await services.database.roomFacts(room: id, for: user).facts)
        services.rooms.react(room: id, emoji: emoji)
        return .reply(EmptyPayload())
    }

    private func questionID(_ info: RequestInfo) throws -> QuestionID {
        guard let id = try info.request.payload(QuestionRequest.self).questionId else { throw DomainError.invalid("questionId", "questionId is required") }
        return id
    }
}
