import Hummingbird
import SeminarCore
import SeminarProtocol
import SeminarStore

/// `GET /api/seminar` and `GET /api/program` (public: the first page, before sign-in) and `GET /healthz`.
struct SeminarController {
    let services: Services

    struct PublicInfo: Encodable {
        let name: LocalizedText
        let tagline: LocalizedText
        let timeZone: String
        let startsAt: String?
        let endsAt: String?
        let openRegistration: Bool
    }

    struct Health: Encodable {
        let status: String
    }

    func addRoutes(api: RouterGroup<SeminarRequestContext>, router: Router<SeminarRequestContext>) {
        api.get("seminar", use: info)
        api.get("program", use: program)
        router.get("healthz", use: health)
    }

    func info(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let info = try await services.database.seminarInfo()
        return try JSONResponse.make(PublicInfo(
            name: info?.name ?? LocalizedText(fr: "Séminaire", en: "Seminar", es: "Seminario"),
            tagline: info?.tagline ?? LocalizedText(),
            timeZone: info?.timeZone ?? "UTC",
            startsAt: info?.startsAt, endsAt: info?.endsAt,
            openRegistration: services.settings.openRegistration))
    }

    /// The program's public fields (``PublicProgram``), for the first page of someone not signed in.
    func program(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try JSONResponse.make(PublicProgram(ProgramReply(try await services.database.program())))
    }

    func health(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        if services.lifecycle.isDraining {
            return try JSONResponse.make(Health(status: "draining"), status: .serviceUnavailable)
        }
        do {
            try await services.database.ping()
            return try JSONResponse.make(Health(status: "ok"))
        } catch {
            services.logger.error("health check failed", metadata: ["error": "\(error)"])
            return try JSONResponse.make(Health(status: "database unavailable"), status: .serviceUnavailable)
        }
    }
}
