import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarStore

/// `GET /api/agenda.ics` (signed in), `GET /api/calendar/<key>.ics` (the revocable address for calendar apps),
/// `POST /api/calendar/revoke` (a new address; the old one stops working).
struct CalendarController {
    let services: Services
    let accounts: AccountController

    struct KeyReply: Encodable {
        let calendarUrl: String
    }

    func addRoutes(to api: RouterGroup<SeminarRequestContext>) {
        api.get("agenda.ics", use: agenda)
        api.get("calendar/:file", use: byKey)
        api.post("calendar/revoke", use: revoke)
    }

    func agenda(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let user = try await accounts.authenticatedUser(request)
        return try await calendar(for: user, request: request)
    }

    func byKey(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), let user = try await services.database.user(calendarKey: String(file.dropLast(4))) else {
            throw APIError(DomainError(.notFound, "No calendar at this address"))
        }
        return try await calendar(for: user, request: request)
    }

    func revoke(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await accounts.authenticatedUser(request)
        let key = try await services.database.revokeCalendarKey(for: user.id, now: services.clock())
        return try JSONResponse.make(KeyReply(calendarUrl: "/api/calendar/\(key).ics"))
    }

    private func calendar(for user: UserRecord, request: Request) async throws -> Response {
        let base = "http://\(request.head.authority ?? "\(services.settings.host):\(services.settings.port)")"
        let (name, zone, events) = try await services.database.calendarEvents(for: user.id, language: user.locale, baseURL: base)
        let text = ICalendar.render(name: name, timeZone: zone, events: events, now: services.clock())
        return Response(status: .ok, headers: [
            .contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"agenda.ics\"",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
