import Logging
import SeminarCore
import SeminarProtocol
import SeminarRealtime

/// The result of a handled request.
enum Outcome {
    /// Send this reply.
    case reply(any Encodable & Sendable)
    /// The handler has queued its reply itself (e.g. `subscribe`, to order it before the replay).
    case sent
}

/// One request being handled.
struct RequestInfo {
    let id: Int64
    let type: MessageType
    let key: String?
    let request: IncomingRequest
}

/// Turns a text frame into a reply: parse → permission table → rate limit → handler → one reply.
struct Dispatcher {
    let services: Services

    func handle(_ text: String, session: inout SocketSession) async {
        let connection = session.connection
        let request: IncomingRequest
        do {
            request = try IncomingRequest(frame: text)
        } catch {
            connection.send(Outgoing.errorEvent(error))
            return
        }
        guard let id = request.header.id else {
            connection.send(Outgoing.errorEvent(DomainError(.invalid, "A request needs an integer id", field: "id")))
            return
        }
        do {
            guard let typeName = request.header.type else { throw DomainError.invalid("type", "A request needs a type") }
            guard let type = MessageType(rawValue: typeName) else {
                throw DomainError(.invalid, "Unknown type '\(typeName.prefix(64))'", field: "type")
            }
            try Permissions.check(type, role: session.user?.role).get()
            if type.isCreating { try limit(session) }
            let info = RequestInfo(id: id, type: type, key: request.header.key, request: request)
            switch try await route(info, session: &session) {
            case .reply(let payload):
                connection.send(try Outgoing.reply(to: id, payload))
            case .sent:
                break
            }
        } catch let error as DomainError {
            connection.send(Outgoing.reply(to: id, error: error))
        } catch {
            session.logger.error("request failed", metadata: ["type": "\(request.header.type ?? "?")", "error": "\(error)"])
            connection.send(Outgoing.reply(to: id, error: DomainError(.internal, "Something went wrong on the server")))
        }
    }

    private func route(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        switch info.type {
        case .hello: try await SessionHandlers(services: services).hello(info, session: &session)
        case .ping: SessionHandlers(services: services).ping()
        case .localeSet: try await SessionHandlers(services: services).setLocale(info, session: &session)
        case .subscribe: try await TopicHandlers(services: services).subscribe(info, session: session)
        case .unsubscribe: try TopicHandlers(services: services).unsubscribe(info, session: session)
        case .announce: try await AnnouncementHandlers(services: services).announce(info, session: session)
        case .programGet: try await ProgramHandlers(services: services).program(session: session)
        case .sessionGet: try await ProgramHandlers(services: services).session(info, session: session)
        case .sessionUpdate: try await ProgramHandlers(services: services).update(info, session: session)
        case .sessionRevisions: try await ProgramHandlers(services: services).revisions(info)
        case .agendaAdd: try await AgendaHandlers(services: services).add(info, session: session)
        case .agendaRemove: try await AgendaHandlers(services: services).remove(info, session: session)
        case .agendaGet: try await AgendaHandlers(services: services).get(session: session)
        }
    }

    /// Creating messages are limited per connection and per person.
    private func limit(_ session: SocketSession) throws {
        let settings = services.settings
        let now = services.seconds
        let perConnection = session.connection.takeMessageToken(rate: settings.messageRate, burst: settings.messageBurst, now: now)
        let perUser = session.user.flatMap { services.userMessageLimiter.take("user:\($0.id)", now: now) }
        if let wait = [perConnection, perUser].compactMap({ $0 }).max() {
            throw DomainError(.rateLimited, "Slow down: too many messages", retryAfterMs: wait)
        }
    }
}
