import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Direct messages.
struct DirectMessageHandlers {
    let services: Services

    func send(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DMSendRequest.self)
        guard let to = p.to else { throw DomainError.invalid("to", "to is required") }
        let text = try Validate.text(p.text, field: "text", max: TextLimits.chat)
        return .reply(CreatedReply(try await services.database.sendDM(from: user, to: to, text: text, key: info.key, now: services.clock())))
    }

    func history(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(DMHistoryRequest.self)
        guard let other = p.with else { throw DomainError.invalid("with", "with is required") }
        return .reply(DMHistoryReply(try await services.database.dmHistory(user: user.id, with: other, before: p.before)))
    }

    func read(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let other = try info.request.payload(DMReadRequest.self).with else { throw DomainError.invalid("with", "with is required") }
        try await services.database.markDMsRead(user: user.id, from: other, now: services.clock())
        return .reply(UnreadReply(counts: try await services.database.unreadDMs(user: user.id)))
    }

    func conversations(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(ConversationsReply(conversations: try await services.database.conversations(user: user.id).map(ConversationView.init)))
    }

    func unread(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(UnreadReply(counts: try await services.database.unreadDMs(user: user.id)))
    }
}
