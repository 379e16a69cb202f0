import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// `POST /api/register`, `POST /api/login`, `POST /api/logout`, `GET /api/me`.
struct AccountController {
    let services: Services

    struct RegisterBody: Decodable {
        let email: String?
        let password: String?
        let displayName: String?
        let locale: String?
    }

    struct LoginBody: Decodable {
        let email: String?
        let password: String?
    }

    struct PasswordBody: Decodable {
        let currentPassword: String?
        let newPassword: String?
    }

    struct SignedIn: Encodable {
        let token: String
        let user: UserView
    }

    struct Me: Encodable {
        let user: UserView
    }

    func addRoutes(to group: RouterGroup<SeminarRequestContext>) {
        group.post("register", use: register)
        group.post("login", use: login)
        group.post("logout", use: logout)
        group.get("me", use: me)
        group.post("password", use: changePassword)
    }

    func register(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        guard services.settings.openRegistration else {
            throw APIError(DomainError(.forbidden, "Registration is closed; ask an organiser for an account"))
        }
        let body = try await request.decodeJSON(RegisterBody.self)
        try await limitLogin(address: services.client(of: request.headers, peer: context.remoteAddress).address,
                             account: (body.email ?? "").trimmingWhitespace().lowercased())
        let user: UserRecord
        do {
            user = try await AccountCreation(database: services.database, passwords: services.passwords, clock: services.clock)
                .create(email: body.email, password: body.password, displayName: body.displayName, locale: body.locale, role: .participant)
        } catch let error as DomainError {
            throw APIError(error)
        }
        services.logger.info("account created", metadata: ["user": "\(user.id)"])
        return try await startSession(for: user, status: .created, secure: services.cookieIsSecure(request.headers, peer: context.remoteAddress))
    }

    func login(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let body = try await request.decodeJSON(LoginBody.self)
        let email = (body.email ?? "").trimmingWhitespace().lowercased()
        try await limitLogin(address: services.client(of: request.headers, peer: context.remoteAddress).address, account: email)
        guard let user = try await services.database.user(email: email),
              try await services.passwords.verify(body.password ?? "", hash: user.passwordHash)
        else {
            throw APIError(DomainError(.unauthenticated, "Wrong email or password"))
        }
        return try await startSession(for: user, status: .ok, secure: services.cookieIsSecure(request.headers, peer: context.remoteAddress))
    }

    func logout(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        if let token = SessionCookie.token(of: request.headers) {
            let hash = Passwords.tokenHash(token)
            try await services.database.deleteAuthSession(tokenHash: hash)
            for connection in services.hub.allConnections() where connection.sessionHash == hash {
                connection.requestClose(.signedOut)
            }
        }
        let cookie = SessionCookie.clear(secure: services.cookieIsSecure(request.headers, peer: context.remoteAddress))
        return Response(status: .noContent, headers: [.setCookie: cookie, .cacheControl: "no-store"])
    }

    /// `POST /api/password {currentPassword, newPassword}`: the other sessions of the person end, and their sockets close.
    func changePassword(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        try services.origins.require(request)
        let user = try await authenticatedUser(request)
        guard let token = SessionCookie.token(of: request.headers) else { throw APIError(DomainError(.unauthenticated, "Sign in first")) }
        let body = try await request.decodeJSON(PasswordBody.self)
        try await limitLogin(address: services.client(of: request.headers, peer: context.remoteAddress).address, account: user.email)
        guard try await services.passwords.verify(body.currentPassword ?? "", hash: user.passwordHash) else {
            throw APIError(DomainError(.unauthenticated, "The current password is wrong", field: "currentPassword"))
        }
        let password: String
        do { password = try Validate.password(body.newPassword) } catch { throw APIError(DomainError.invalid("newPassword", error.message)) }
        let keep = Passwords.tokenHash(token)
        try await services.database.changePassword(user: user.id, passwordHash: try await services.passwords.hash(password), keep: keep)
        for connection in services.hub.connections(of: user.id) where connection.sessionHash != keep {
            connection.requestClose(.signedOut)
        }
        services.logger.info("password changed; other sessions ended", metadata: ["user": "\(user.id)"])
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    func me(_ request: Request, context: SeminarRequestContext) async throws -> Response {
        let user = try await authenticatedUser(request)
        return try JSONResponse.make(Me(user: user.view))
    }

    // MARK: helpers

    func authenticatedUser(_ request: Request) async throws -> UserRecord {
        guard let token = SessionCookie.token(of: request.headers),
              let user = try await services.database.user(tokenHash: Passwords.tokenHash(token), now: services.clock())
        else { throw APIError(DomainError(.unauthenticated, "Sign in first")) }
        return user
    }

    private func startSession(for user: UserRecord, status: HTTPResponse.Status, secure: Bool) async throws -> Response {
        let (token, cookie) = try await newSession(for: user, secure: secure)
        return try JSONResponse.make(SignedIn(token: token, user: user.view), status: status, headers: [.setCookie: cookie])
    }

    /// A new session for `user`: its token and the `Set-Cookie` value that carries it (`Secure` when `secure`).
    func newSession(for user: UserRecord, secure: Bool) async throws -> (token: String, cookie: String) {
        let token = Passwords.newToken()
        let now = services.clock()
        let lifetime = services.settings.sessionLifetimeHours * 3600
        try await services.database.createAuthSession(
            tokenHash: Passwords.tokenHash(token), user: user.id, now: now, expiresAt: now.adding(seconds: Int64(lifetime)))
        return (token, SessionCookie.set(token, maxAgeSeconds: lifetime, secure: secure))
    }

    private func limitLogin(address: String, account: String) async throws {
        let now = services.seconds
        let waits = [await services.loginLimiter.take("addr:\(address)", now: now), await services.loginLimiter.take("acct:\(account)", now: now)]
        if let wait = waits.compactMap({ $0 }).max() {
            throw APIError(DomainError(.rateLimited, "Too many attempts; try again later", retryAfterMs: wait))
        }
    }
}
