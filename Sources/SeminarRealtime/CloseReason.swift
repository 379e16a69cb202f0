/// Why the server closes a WebSocket, with the close code the client sees.
public enum CloseReason: Sendable, Equatable {
    /// The connection fell too far behind (1013, "try again later"): resume with `since`.
    case tooSlow
    /// The server is shutting down (1001).
    case goingAway
    /// The person signed out or the session was revoked (4001).
    case signedOut
    /// The session's time ran out (4001 too: the client signs in again).
    case sessionExpired

    public var code: UInt16 {
        switch self {
        case .tooSlow: 1013
        case .goingAway: 1001
        case .signedOut, .sessionExpired: 4001
        }
    }

    public var text: String {
        switch self {
        case .tooSlow: "too far behind; reconnect and resume"
        case .goingAway: "server shutting down"
        case .signedOut: "signed out"
        case .sessionExpired: "session expired"
        }
    }
}
