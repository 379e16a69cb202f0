import Hummingbird
import SeminarCore
import SeminarRealtime
import SeminarStore

/// Account recovery: `POST /api/password/forgot {email}` (always 202, the same body: nobody learns who has an
/// account) and `POST /api/password/reset {token, password}` (sets the password, ends every session of the person,
/// signs this browser in).
struct PasswordResetController {
    let services: Services
    let accounts: AccountController
    let queue: PasswordResetQueue
    let limiter: KeyedRateLimit

    struct ForgotBody: Decodable {
        let email: String?
    }

    struct ResetBody: Decodable {
        let token: String?
        let password: String?
    }

    struct Accepted: Encodable {
        let message: String
    }

    func addRoutes(to group: RouterGroup<SeminarRequestContext>) {
        group.post("password/forgot", use: forgot)
        group.post("password/reset", use: reset)
    }

    func forgot(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let body = try await request.decodeJSON(ForgotBody.self)
        let email: String
        do { email = try Validate.email(body.email) } catch { throw APIError(error) }
        // Both limits are keyed on what was typed, known or not, so a refusal tells nothing either.
        let now = services.seconds
        let waits = [await services.loginLimiter.take("addr:\(services.client(of: request.headers, peer: context.remoteAddress).address)", now: now),
                     await limiter.take("reset:\(email)", now: now)]
        if let wait = waits.compactMap({ $0 }).max() {
            throw APIError(DomainError(.rateLimited, "Too many attempts; try again later", retryAfterMs: wait))
        }
        let token = Passwords.newToken()
        // The link's base is the import's (ConsoleController.baseURL): the request's own host until `publicURL` exists.
        queue.enqueue(.init(email: email, tokenHash: Passwords.tokenHash(token),
                            link: "\(ConsoleController.baseURL(request, services.settings))/#/reset/\(token)"))
        return try JSONResponse.make(Accepted(message: "If an account exists for this address, a link is on its way"), status: .accepted)
    }

    func reset(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let body = try await request.decodeJSON(ResetBody.self)
        let password: String
        do { password = try Validate.password(body.password) } catch { throw APIError(error) }
        if let wait = await services.loginLimiter.take("addr:\(services.client(of: request.headers, peer: context.remoteAddress).address)",
                                                   now: services.seconds) {
            throw APIError(DomainError(.rateLimited, "Too many attempts; try again later", retryAfterMs: wait))
        }
        let expired = APIError(DomainError(.notFound, "This link has expired or was already used", field: "token"))
        let token = body.token ?? ""
        guard !token.isEmpty, token.count <= 100 else { throw expired }
        let hash = Passwords.tokenHash(token)
        // Checked before bcrypt's work, and again in the transaction that spends it.
        guard try await services.database.passwordResetIsValid(tokenHash: hash, now: services.clock()) else { throw expired }
        let passwordHash = try await services.passwords.hash(password)
        let session = Passwords.newToken()
        let now = services.clock()
        let lifetime = services.settings.sessionLifetimeHours * 3600
        guard let user = try await services.database.resetPassword(
            tokenHash: hash, passwordHash: passwordHash, sessionHash: Passwords.tokenHash(session), now: now,
            sessionExpiresAt: now.adding(seconds: Int64(lifetime)))
        else { throw expired }
        // Every earlier session ended in the transaction; their sockets close now.
        for connection in services.hub.connections(of: user.id) { connection.requestClose(.signedOut) }
        services.logger.info("password reset; every other session ended", metadata: ["user": "\(user.id)"])
        return try JSONResponse.make(AccountController.SignedIn(token: session, user: user.view), status: .ok,
                                     headers: [.setCookie: SessionCookie.set(session, maxAgeSeconds: lifetime,
                                                                          secure: services.cookieIsSecure(request.headers, peer: context.remoteAddress))])
    }
}
