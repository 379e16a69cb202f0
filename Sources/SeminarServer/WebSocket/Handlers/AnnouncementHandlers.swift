import SeminarCore
import SeminarProtocol
import SeminarStore

/// `announce` (organisers): stored, then sent to everyone on topic `seminar`.
struct AnnouncementHandlers {
    let services: Services

    func announce(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(AnnounceRequest.self)
        guard let user = session.user else { throw DomainError(.unauthenticated, "Send hello first") }
        let announcement = try NewAnnouncement(text: payload.text, level: payload.level)
        let reply = try await services.database.announce(announcement, by: user, key: info.key, now: services.clock())
        session.logger.info("announcement", metadata: ["seq": "\(reply.seq)", "level": "\(announcement.level.rawValue)"])
        return .reply(reply)
    }
}
