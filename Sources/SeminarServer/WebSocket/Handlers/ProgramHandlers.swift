import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore

/// `program.get`, `session.get`, `session.update` (its hosts or organisers; every change stores a revision),
/// `session.revisions`.
struct ProgramHandlers {
    let services: Services

    func program(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(ProgramReply(try await services.database.program(for: user.id)))
    }

    func session(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try sessionID(info.request.payload(SessionRequest.self).sessionId)
        return .reply(SessionView(try await services.database.session(id: id, for: user)))
    }

    func update(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(SessionUpdateRequest.self)
        let id = try sessionID(payload.sessionId)
        let edit = SessionEdit(title: payload.title, description: payload.description, audience: payload.audience,
                               hostOrganisation: payload.hostOrganisation, room: payload.room, conceptNote: payload.conceptNote)
        return .reply(SessionUpdateReply(try await services.database.updateSession(id: id, edit: edit, author: user, now: services.clock())))
    }

    func revisions(_ info: RequestInfo) async throws -> Outcome {
        let id = try sessionID(info.request.payload(SessionRequest.self).sessionId)
        return .reply(RevisionsReply(sessionId: id, revisions: try await services.database.revisions(session: id).map(RevisionView.init)))
    }

    private func sessionID(_ value: Int64?) throws -> Int64 {
        guard let value, value > 0 else { throw DomainError.invalid("sessionId", "sessionId is required") }
        return value
    }
}

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

/// `hosting.get`: the sessions the person hosts (a host's home page lists them).
struct HostingHandlers {
    let services: Services

    func get(session: SocketSession) async throws -> Outcome {
        let hosted = try await services.database.hostedSessions(of: try session.requireUser().id)
        return .reply(HostingReply(sessions: hosted.sessions.map { SessionSummary($0, bookmarked: hosted.bookmarks.contains($0.id)) }))
    }
}

extension ProgramReply {
    /// The program with its days (the local dates, in the seminar's zone, that have sessions).
    init(_ program: Program) {
        let zone = TimeZone(identifier: program.timeZone) ?? TimeZone(secondsFromGMT: 0)!
        let days = Set(program.sessions.map { LocalDate.of($0.startsAt, in: zone) }).sorted()
        self.init(timeZone: program.timeZone, days: days, tracks: program.tracks.map(TrackView.init),
                  sessions: program.sessions.map { SessionSummary($0, bookmarked: program.bookmarks.contains($0.id)) })
    }
}

/// A calendar date in a zone, `YYYY-MM-DD`.
enum LocalDate {
    static func of(_ time: Timestamp, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time.seconds)))
        return String(time.adding(seconds: Int64(offset)).iso8601.prefix(10))
    }
}

extension SocketSession {
    func requireUser() throws -> UserRecord {
        guard let user else { throw DomainError(.unauthenticated, "Send hello first") }
        return user
    }
}
