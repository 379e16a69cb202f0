import SeminarCore
import SeminarProtocol
import SeminarStore

/// `hello`, `ping`, `locale.set`.
struct SessionHandlers {
    let services: Services

    func hello(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(HelloRequest.self)
        if let token = payload.token {
            let hash = Passwords.tokenHash(token)
            guard let user = try await services.database.user(tokenHash: hash, now: services.clock()) else {
                throw DomainError(.unauthenticated, "This token is unknown or has expired")
            }
            if let current = session.user, current.id != user.id {
                throw DomainError(.conflict, "This socket is already signed in as someone else")
            }
            session.signIn(user, sessionHash: hash, hub: services.hub)
        }
        guard let user = session.user else {
            throw DomainError(.unauthenticated, "Sign in first: send hello with a token, or open the socket with the session cookie")
        }
        // "Online today" on the dashboard.
        try await services.database.touch(user: user.id, now: services.clock())
        return .reply(HelloReply(user: user.view, roles: roles(of: user.role), serverTime: services.clock().iso8601,
                                 locale: user.locale.rawValue))
    }

    func ping() -> Outcome {
        .reply(PingReply(serverTime: services.clock().iso8601))
    }

    func setLocale(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(LocaleSetRequest.self)
        guard let user = session.user else { throw DomainError(.unauthenticated, "Send hello first") }
        guard let locale = payload.locale.flatMap(Language.init(rawValue:)) else {
            throw DomainError.invalid("locale", "locale must be fr, en or es")
        }
        try await services.database.setLocale(user: user.id, locale: locale)
        if let updated = try await services.database.user(id: user.id) { session.update(updated) }
        return .reply(LocaleSetReply(locale: locale.rawValue))
    }

    /// The roles a person holds: their own and every lesser one (an organiser is also a participant).
    private func roles(of role: Role) -> [String] {
        Role.allCases.filter { $0 == role || $0 == .participant }.map(\.rawValue)
    }
}
