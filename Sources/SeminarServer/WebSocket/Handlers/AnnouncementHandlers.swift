import SeminarCore
import SeminarProtocol
import SeminarStore

/// `announce` (organisers): stored, then sent to everyone on topic `seminar`.
struct AnnouncementHandlers {
    let services: Services

    func announce(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(AnnounceRequest.self)
        guard let user = session.user else { throw DomainError(.unauthenticated, "Send hello first") }
        let announcement = try NewAnnouncement(text: payload.text, level: payload.level, lang: payload.lang, authorLocale: user.locale,
                                                expiresAt: payload.expiresAt, publishAt: payload.publishAt, now: services.clock(),
                                                byMail: payload.email ?? false)
        let reply = try await services.database.announce(announcement, by: user, key: info.key, now: services.clock(),
                                                         mail: MailComposers.announcement(links: services.mailLinks))
        session.logger.info("announcement", metadata: ["seq": "\(reply.seq)", "level": "\(announcement.level.rawValue)",
                                                      "lang": "\(announcement.lang.rawValue)"])
        return .reply(AnnounceReply(announcementId: reply.id, seq: reply.seq))
    }

    func scheduled() async throws -> Outcome {
        .reply(ScheduledAnnouncementsReply(announcements: try await services.database.scheduledAnnouncements().map(ScheduledAnnouncement.init)))
    }

    func cancel(_ info: RequestInfo) async throws -> Outcome {
        guard let id = try info.request.payload(AnnounceCancelRequest.self).id else { throw DomainError.invalid("id", "id is required") }
        try await services.database.cancelAnnouncement(id: id, now: services.clock())
        return .reply(EmptyPayload())
    }
}
