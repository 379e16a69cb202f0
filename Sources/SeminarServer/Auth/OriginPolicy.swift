import HTTPTypes
import Hummingbird
import SeminarCore

/// Which browser origins may open a socket or change state: the server's own host, plus configured ones.
struct OriginPolicy: Sendable {
    let allowed: Set<String>

    init(allowedOrigins: [String]) {
        self.allowed = Set(allowedOrigins.map { $0.lowercased().trimmingSuffix("/") })
    }

    /// True when the request has no `Origin` (not a browser) or an allowed one.
    func permits(_ fields: HTTPFields, authority: String?) -> Bool {
        guard let origin = fields[.origin]?.lowercased() else { return true }
        if allowed.contains(origin) { return true }
        guard let host = authority?.lowercased() else { return false }
        if origin == "http://\(host)" || origin == "https://\(host)" { return true }
        // Browsers only send http(s) origins; a ws(s) origin comes from a non-browser client (the
        // swift-websocket client sends its own host without the port), so its host is enough.
        let hostname = host.split(separator: ":").first.map(String.init) ?? host
        return origin == "ws://\(hostname)" || origin == "wss://\(hostname)"
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension OriginPolicy {
    /// Refuses a state-changing request from a foreign browser origin (CSRF).
    func require(_ request: Request) throws {
        guard permits(request.headers, authority: request.head.authority) else {
            throw APIError(DomainError(.forbidden, "Cross-origin requests are refused"))
        }
    }
}
