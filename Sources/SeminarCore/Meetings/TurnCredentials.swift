/// Time-limited credentials for a TURN relay that shares a secret with the server: coturn's `use-auth-secret`
/// (the "REST API for access to TURN services" draft). The username is `<expiry in unix seconds>:<user id>`; the
/// password is base64(HMAC-SHA1(secret, username)). The relay recomputes the password from the username, so nothing
/// is stored or revoked: a credential ends at its expiry, and a leaked one names whose it was.
///
/// The rule (who, until when) is here; the MAC is made at the edge (`TurnPassword` in SeminarServer) with
/// swift-crypto, because Core depends on nothing and a hand-written SHA-1 would be one more crypto routine to audit.
public struct TurnCredentials: Sendable, Equatable {
    public let username: String
    public let credential: String
    public let expiresAt: Timestamp

    public init(username: String, credential: String, expiresAt: Timestamp) {
        self.username = username
        self.credential = credential
        self.expiresAt = expiresAt
    }

    /// The username for `user` at `now`, valid `lifetimeHours` (whole seconds: the relay compares unix seconds).
    public static func username(for user: UserID, now: Timestamp, lifetimeHours: Int) -> (username: String, expiresAt: Timestamp) {
        let expiresAt = Timestamp(seconds: now.seconds + Int64(lifetimeHours) * 3_600)
        return ("\(expiresAt.seconds):\(user.rawValue)", expiresAt)
    }

    /// Fresh credentials for `user`; `sign` turns a username into its password (HMAC-SHA1 under the shared secret,
    /// in base64).
    public static func issue(for user: UserID, now: Timestamp, lifetimeHours: Int, sign: (String) -> String) -> TurnCredentials {
        let (username, expiresAt) = username(for: user, now: now, lifetimeHours: lifetimeHours)
        return TurnCredentials(username: username, credential: sign(username), expiresAt: expiresAt)
    }
}
