import Hummingbird
import SeminarCore
import SeminarStore

/// One-click unsubscribe, with no sign-in (the signed link is the credential): `GET /api/mail/unsubscribe/<token>`
/// shows a confirm page (a link scanner that follows it turns nothing off); `POST` to the same address turns the
/// topic off — from the page's form, or from a mail client's one-click (RFC 8058: `List-Unsubscribe=One-Click`,
/// sent by the mail provider, so no same-origin check). A wrong or forged token is 404.
struct UnsubscribeController {
    let services: Services

    func addRoutes(to api: RouterGroup<SeminarRequestContext>) {
        api.get("mail/unsubscribe/:token", use: confirm)
        api.post("mail/unsubscribe/:token", use: unsubscribe)
    }

    func confirm(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let (user, topic) = try await person(context)
        let token = context.parameters.get("token") ?? ""
        return page(UnsubscribePage.render(language: user.locale, seminar: try await seminarName(user.locale), topic: topic,
                                           state: .confirm(action: "/api/mail/unsubscribe/\(token)")))
    }

    func unsubscribe(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let (user, topic) = try await person(context)
        guard try await services.database.setMailTopic(topic, on: false, for: user.id) != nil else { throw notFound }
        services.logger.info("mail topic turned off by its one-click link", metadata: ["user": "\(user.id)", "topic": "\(topic.rawValue)"])
        return page(UnsubscribePage.render(language: user.locale, seminar: try await seminarName(user.locale), topic: topic, state: .done))
    }

    private var notFound: APIError { APIError(DomainError(.notFound, "This link is not valid")) }

    private func person(_ context: SeminarRequestContext) async throws -> (UserRecord, MailTopic) {
        let token = context.parameters.get("token") ?? ""
        guard token.count <= 120, let (id, topic) = services.mailLinks.verify(token), let user = try await services.database.user(id: id) else {
            throw notFound
        }
        return (user, topic)
    }

    private func seminarName(_ language: Language) async throws -> String {
        let info = try await services.database.seminarInfo()
        return MailSeminar(name: info?.name, startsAt: nil, endsAt: nil, timeZone: "UTC").name(in: language)
    }

    private func page(_ html: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
