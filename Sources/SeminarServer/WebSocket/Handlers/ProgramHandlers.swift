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
        return .reply(RevisionsReply(sessionId: id.rawValue, revisions: try await services.database.revisions(session: id).map(RevisionView.init)))
    }

    private func sessionID(_ value: SessionID?) throws -> SessionID {
        guard let value, value.rawValue > 0 else { throw DomainError.invalid("sessionId", "sessionId is required") }
        return value
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
