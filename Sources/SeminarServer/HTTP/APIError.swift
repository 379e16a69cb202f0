import Foundation
import HTTPTypes
import Hummingbird
import SeminarCore
import SeminarProtocol

/// A refusal as an HTTP response: `{"error": {"code", "message", "field"}}` with the matching status.
struct APIError: HTTPResponseError {
    let error: DomainError
    /// A more precise status than the code's (415 for an upload of the wrong type).
    let override: HTTPResponse.Status?

    init(_ error: DomainError, status: HTTPResponse.Status? = nil) {
        self.error = error
        self.override = status
    }

    var status: HTTPResponse.Status {
        if let override { return override }
        return switch error.code {
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .invalid: .badRequest
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .tooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .internal: .internalServerError
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retry = error.retryAfterMs { headers[.retryAfter] = String(max(1, (retry + 999) / 1000)) }
        let body = (try? Outgoing.json(ErrorBody(error: WireError(error)))) ?? "{}"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private struct ErrorBody: Encodable {
        let error: WireError
    }
}

enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try Outgoing.json(value))))
    }
}

extension Request {
    /// Decodes a JSON body of at most `limit` bytes, turning every failure into a clear `invalid`.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int = 64 * 1024) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw APIError(DomainError(.tooLarge, "The body is larger than \(limit) bytes"))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            guard !field.isEmpty else { throw APIError(DomainError(.invalid, "The body must be a JSON object")) }
            throw APIError(.invalid(field, "\(field) has the wrong type"))
        } catch {
            throw APIError(DomainError(.invalid, "The body is not the expected JSON object"))
        }
    }
}
