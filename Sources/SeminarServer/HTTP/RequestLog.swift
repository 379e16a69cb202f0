import HTTPTypes
import Hummingbird
import Logging
import SeminarCore

/// Logs each request (method, path, status, time) at debug level, with the secret part of a path — a sign-in link's
/// token, a calendar key — replaced by `…`: secrets never reach the logs, nor does the query string.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// "/api/link/" for "/api/link/{token}": every route whose path carries a secret.
    static var secretPrefixes: [String] {
        HTTPAccess.routes.filter { $0.rule == .secretInPath }.compactMap { route in
            route.path.firstIndex(of: "{").map { String(route.path[..<$0]) }
        }
    }

    static func redacted(_ path: String) -> String {
        for prefix in secretPrefixes where path.hasPrefix(prefix) && path.count > prefix.count { return prefix + "…" }
        return path
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = Self.redacted(request.uri.path)
        do {
            let response = try await next(request, context)
            log(context, request.method, path, status: response.status.code, since: started)
            return response
        } catch let error as any HTTPResponseError {
            log(context, request.method, path, status: error.status.code, since: started)
            throw error
        }
    }

    private func log(_ context: Context, _ method: HTTPRequest.Method, _ path: String, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        context.logger.debug("request", metadata: [
            "method": "\(method)", "path": "\(path)", "status": "\(status)",
            "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ])
    }
}
