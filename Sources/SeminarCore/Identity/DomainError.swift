/// The closed set of error codes of the wire protocol.
public enum ErrorCode: String, Sendable, Codable, CaseIterable {
    case unauthenticated
    case forbidden
    case notFound = "not_found"
    case invalid
    case conflict
    case rateLimited = "rate_limited"
    case tooLarge = "too_large"
    case unavailable
    case `internal`
}

/// A refusal decided by the domain, carried unchanged to the client.
public struct DomainError: Error, Sendable, Equatable {
    public var code: ErrorCode
    public var message: String
    public var field: String?
    public var retryAfterMs: Int?
    public var detail: String?

    public init(_ code: ErrorCode, _ message: String, field: String? = nil, retryAfterMs: Int? = nil, detail: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.retryAfterMs = retryAfterMs
        self.detail = detail
    }

    public static func invalid(_ field: String, _ message: String) -> DomainError {
        DomainError(.invalid, message, field: field)
    }
}
