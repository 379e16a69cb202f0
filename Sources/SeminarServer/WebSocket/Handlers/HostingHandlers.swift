import SeminarCore
import SeminarProtocol
import SeminarStore

/// `hosting.get`: the sessions the person hosts (a host's home page lists them).
struct HostingHandlers {
    let services: Services

    func get(session: SocketSession) async throws -> Outcome {
        let hosted = try await services.database.hostedSessions(of: try session.requireUser().id)
        return .reply(HostingReply(sessions: hosted.sessions.map { SessionSummary($0, bookmarked: hosted.bookmarks.contains($0.id)) }))
    }
}
