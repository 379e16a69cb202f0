/// Who may call an HTTP route. The live-server access matrix checks every route × every role against this table,
/// and that the router holds exactly these routes: a route added without a rule fails the tests.
public enum HTTPRule: Sendable, Equatable {
    /// Anyone (state-changing ones still need a same-origin request).
    case anyone
    /// A signed-in person (session cookie).
    case signedIn
    /// Signed-in people holding one of these roles.
    case roles(Set<Role>)
    /// Whoever holds the unguessable secret in the path (a calendar key, a one-time sign-in link): a wrong
    /// secret is `404`, whoever asks.
    case secretInPath
    /// Only from the addresses configured in `metricsAllowed`.
    case allowedAddress
}

public struct HTTPRoute: Sendable, Equatable, CustomStringConvertible {
    public let method: String
    /// The router's spelling: `{name}` for a path parameter.
    public let path: String
    public let rule: HTTPRule

    public var description: String { "\(method) \(path)" }
}

public enum HTTPAccess {
    public static let routes: [HTTPRoute] = [
        HTTPRoute(method: "GET", path: "/healthz", rule: .anyone),
        HTTPRoute(method: "GET", path: "/api/seminar", rule: .anyone),
        HTTPRoute(method: "GET", path: "/api/program", rule: .anyone),
        HTTPRoute(method: "POST", path: "/api/register", rule: .anyone),
        HTTPRoute(method: "POST", path: "/api/login", rule: .anyone),
        HTTPRoute(method: "POST", path: "/api/logout", rule: .anyone),
        HTTPRoute(method: "GET", path: "/api/me", rule: .signedIn),
        HTTPRoute(method: "POST", path: "/api/password", rule: .signedIn),
        HTTPRoute(method: "POST", path: "/api/password/forgot", rule: .anyone),
        HTTPRoute(method: "POST", path: "/api/password/reset", rule: .anyone),
        HTTPRoute(method: "GET", path: "/api/agenda.ics", rule: .signedIn),
        HTTPRoute(method: "POST", path: "/api/calendar/revoke", rule: .signedIn),
        HTTPRoute(method: "GET", path: "/api/calendar/{file}", rule: .secretInPath),
        HTTPRoute(method: "GET", path: "/api/link/{token}", rule: .secretInPath),
        HTTPRoute(method: "GET", path: "/api/mail/unsubscribe/{token}", rule: .secretInPath),
        HTTPRoute(method: "POST", path: "/api/mail/unsubscribe/{token}", rule: .secretInPath),
        HTTPRoute(method: "POST", path: "/api/files", rule: .signedIn),
        HTTPRoute(method: "GET", path: "/files/{id}", rule: .signedIn),
        // A session's replays: whoever may see the session's page (`session.get`).
        HTTPRoute(method: "GET", path: "/replays/{id}", rule: .signedIn),
        HTTPRoute(method: "POST", path: "/api/profile/photo", rule: .signedIn),
        HTTPRoute(method: "DELETE", path: "/api/profile/photo", rule: .signedIn),
        HTTPRoute(method: "POST", path: "/api/admin/program", rule: .roles([.organiser])),
        HTTPRoute(method: "POST", path: "/api/admin/participants", rule: .roles([.organiser])),
        HTTPRoute(method: "GET", path: "/api/admin/invitations", rule: .roles([.organiser])),
        HTTPRoute(method: "POST", path: "/api/admin/invitations/resend", rule: .roles([.organiser])),
        HTTPRoute(method: "GET", path: "/api/admin/outbox", rule: .roles([.organiser])),
        HTTPRoute(method: "POST", path: "/api/admin/outbox/retry", rule: .roles([.organiser])),
        HTTPRoute(method: "GET", path: "/api/export/{file}", rule: .roles([.organiser])),
        HTTPRoute(method: "GET", path: "/metrics", rule: .allowedAddress),
    ]
}
