import SeminarCore
import SeminarProtocol
import SeminarStore

/// `agenda.add`, `agenda.remove`, `agenda.get`.
struct AgendaHandlers {
    let services: Services

    func add(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(SessionRequest.self).sessionId else { throw DomainError.invalid("sessionId", "sessionId is required") }
        try await services.database.bookmark(session: id, user: user.id, now: services.clock())
        return .reply(EmptyPayload())
    }

    func remove(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        guard let id = try info.request.payload(SessionRequest.self).sessionId else { throw DomainError.invalid("sessionId", "sessionId is required") }
        try await services.database.removeBookmark(session: id, user: user.id)
        return .reply(EmptyPayload())
    }

    func get(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let agenda = try await services.database.agenda(for: user.id)
        let key = try await services.database.calendarKey(for: user.id, now: services.clock())
        return .reply(AgendaReply(sessions: agenda.sessions.map(AgendaEntry.init), meetings: agenda.meetings.map(AgendaMeeting.init),
                                  calendarUrl: "/api/calendar/\(key).ics"))
    }
}
