import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore

/// Security headers on every response: a Content-Security-Policy that allows no inline script and no other
/// origin but the configured stream hosts (media) and embed hosts (frames), no framing of the seminar itself,
/// no MIME sniffing, and no referrer outside the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: String

    init(settings: Settings) {
        policy = Self.policy(mediaHosts: settings.mediaHosts, embedHosts: settings.embedHosts)
    }

    static func policy(mediaHosts: [String], embedHosts: [String]) -> String {
        let media = (["'self'", "blob:"] + mediaHosts.map { "https://\($0)" }).joined(separator: " ")
        let frames = embedHosts.isEmpty ? "'none'" : embedHosts.map { "https://\($0)" }.joined(separator: " ")
        return [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "media-src \(media)",
            "frame-src \(frames)", "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
            "form-action 'self'", "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = policy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "camera=(self), microphone=(self), geolocation=()"
        return response
    }
}

/// Refuses request paths that carry a NUL or another control character, raw or percent-encoded: a file name
/// never has one, and `app.js%00.html` must not be served as something it is not.
struct PathGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let decoded = path.removingPercentEncoding ?? path
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw APIError(DomainError(.invalid, "The address contains a control character"))
        }
        return try await next(request, context)
    }
}
