import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarProtocol
import SeminarStore

/// The organiser console over HTTP: the participants import with one-time sign-in links, the CSV exports, and
/// `/metrics` for Prometheus.
struct ConsoleController {
    let services: Services
    let accounts: AccountController

    func addRoutes(api: RouterGroup<SeminarRequestContext>, router: Router<SeminarRequestContext>) {
        api.post("admin/participants", use: importParticipants)
        api.get("link/:token", use: signInLink)
        api.get("export/:file", use: export)
        router.get("metrics", use: metrics)
    }

    struct ProblemsBody: Encodable {
        struct Problem: Encodable {
            let line: Int
            let field: String?
            let message: String
        }
        let error: WireError
        let problems: [Problem]
    }

    func importParticipants(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let organiser = try await organiser(request)
        let text = try await Self.text(of: request, limit: 8 << 20)
        let invite = ["1", "true", "yes"].contains(request.uri.queryParameters["invite"].map(String.init) ?? "")
        let report = try await ParticipantsImporter(services: services).run(text, by: organiser.id,
                                                                            baseURL: Self.baseURL(request, services.settings), invite: invite)
        switch report {
        case .success(let reply):
            services.logger.info("participants imported", metadata: ["created": "\(reply.created)", "updated": "\(reply.updated)", "invited": "\(reply.invited)"])
            // A role the file changed takes effect on the person's open pages at once, as from role.set.
            for person in reply.people where !person.created {
                try await RoleChange(services: services).apply(to: UserID(person.userId))
            }
            return try JSONResponse.make(reply)
        case .failure(let problems):
            let body = ProblemsBody(
                error: WireError(DomainError(.invalid, "\(problems.problems.count) problem(s): nothing was imported", field: "file")),
                problems: problems.problems.map { .init(line: $0.line, field: $0.field, message: $0.message) })
            return try JSONResponse.make(body, status: .badRequest)
        }
    }

    /// A one-time sign-in link: signs the person in and sends them to the seminar's first page.
    func signInLink(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard token.count <= 100, let user = try await services.database.consumeSignInLink(hash: Passwords.tokenHash(token), now: services.clock())
        else {
            return Response(status: .seeOther, headers: [.location: "/#/link-expired", .cacheControl: "no-store"])
        }
        let (_, cookie) = try await accounts.newSession(for: user, secure: services.cookieIsSecure(request.headers, peer: context.remoteAddress))
        services.logger.info("signed in by link", metadata: ["user": "\(user.id)"])
        return Response(status: .seeOther, headers: [.location: "/", .setCookie: cookie, .cacheControl: "no-store", HTTPField.Name("Referrer-Policy")!: "no-referrer"])
    }

    func export(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let organiser = try await organiser(request)
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".csv"), let kind = ExportKind(rawValue: String(file.dropLast(4))) else {
            throw APIError(DomainError(.notFound, "No such export; try one of \(ExportKind.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", "))"))
        }
        var roomId: RoomID?
        if let raw = request.uri.queryParameters["roomId"] {
            guard let value = Int64(String(raw)), value > 0 else { throw APIError(.invalid("roomId", "roomId must be a room's number")) }
            roomId = RoomID(value)
        }
        if kind.needsRoom, roomId == nil { throw APIError(.invalid("roomId", "\(kind.rawValue).csv needs ?roomId=")) }
        let bom = ["1", "true", "yes"].contains(request.uri.queryParameters["bom"].map(String.init) ?? "")
        let (header, rows) = try await services.database.export(kind, roomId: roomId, language: organiser.locale, now: services.clock())
        let name = roomId.map { "\(kind.rawValue)-room-\($0).csv" } ?? "\(kind.rawValue).csv"
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: CSV.document(header: header, rows: rows, bom: bom))))
    }

    func metrics(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        // Behind a trusted proxy every request comes from the proxy's address: the client's is the one that counts.
        let client = services.client(of: request.headers, peer: context.remoteAddress).address
        guard services.settings.metricsAllowed.contains(where: { IPAddress($0).map { $0.description == client } ?? ($0 == client) }) else {
            throw APIError(DomainError(.forbidden, "Metrics are served to the addresses in metricsAllowed only"))
        }
        let waiting = try await services.database.deskQueue(agents: 1).waiting.count
        let text = services.metrics.render(hub: services.hub.stats, deskWaiting: waiting)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func organiser(_ request: Request) async throws -> UserRecord {
        let user = try await accounts.authenticatedUser(request)
        guard user.role == .organiser else { throw APIError(DomainError(.forbidden, "Only organisers may do this")) }
        return user
    }

    static func text(of request: Request, limit: Int) async throws -> String {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(DomainError(.tooLarge, "The file is larger than \(limit >> 20) MiB"))
        }
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw APIError(.invalid("file", "The file is not UTF-8 text"))
        }
        return text
    }

    static func baseURL(_ request: Request, _ settings: Settings) -> String {
        settings.publicURL ?? "http://\(request.head.authority ?? "\(settings.host):\(settings.port)")"
    }
}

/// Checks a participants file whole, then imports it in one transaction with a sign-in link per new account
/// (used by `POST /api/admin/participants` and `seminar import participants`).
public struct ParticipantsImporter: Sendable {
    let database: any ServerStore
    let passwords: Passwords
    let linkHours: Int
    let clock: @Sendable () -> Timestamp

    public init(database: any ServerStore, passwords: Passwords, linkHours: Int, clock: @escaping @Sendable () -> Timestamp) {
        self.database = database
        self.passwords = passwords
        self.linkHours = linkHours
        self.clock = clock
    }

    init(services: Services) {
        self.init(database: services.database, passwords: services.passwords, linkHours: services.settings.signInLinkHours, clock: services.clock)
    }

    /// `baseURL` prefixes the links (`http://host:port`). `organiser`: who imports, for the audit log (nil: the command line).
    /// With `invite`, each new person is mailed an invitation with their link, queued in the import's transaction.
    public func run(_ text: String, by organiser: UserID?, baseURL: String, invite: Bool = false) async throws -> Result<ParticipantsImportReply, ImportProblems> {
        let existing = try await database.allEmails()
        let known = Dictionary(try await database.interests().map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        switch ParticipantImport.parse(text, knownInterests: known, existing: existing) {
        case .failure(let problems):
            return .failure(problems)
        case .success(let people):
            let tokens = people.map { _ in let token = Passwords.newToken(); return (token: token, hash: Passwords.tokenHash(token)) }
            let secret = try await passwords.hash(Passwords.newToken())
            let reply = try await database.importParticipants(people, tokens: tokens, passwordHash: secret, linkHours: linkHours,
                                                              by: organiser, now: clock(),
                                                              invite: invite ? MailComposers.invitation(baseURL: baseURL) : nil)
            return .success(ParticipantsImportReply(reply, baseURL: baseURL))
        }
    }
}
