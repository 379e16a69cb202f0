import SeminarCore

/// A person as others and they themselves see them.
public struct UserView: Codable, Sendable, Equatable {
    /// The person's id.
    public let id: Int64
    /// Their email address.
    public let email: String
    /// Their display name.
    public let displayName: String
    /// Their language: `fr`, `en` or `es`.
    public let locale: String
    /// `participant`, `host`, `agent` or `organiser`.
    public let role: String

    /// Makes the view from the account's values.
    public init(id: UserID, email: String, displayName: String, locale: Language, role: Role) {
        self.id = id.rawValue
        self.email = email
        self.displayName = displayName
        self.locale = locale.rawValue
        self.role = role.rawValue
    }
}

/// `hello`: signs the socket in with a token (for clients without the session cookie).
public struct HelloRequest: Codable, Sendable {
    /// The token from `POST /api/login` or `/api/register`; absent: the cookie must have signed the socket in.
    public let token: String?
    /// Memberwise.
    public init(token: String?) { self.token = token }
}

/// The reply to `hello`.
public struct HelloReply: Codable, Sendable {
    /// The signed-in person.
    public let user: UserView
    /// Their role's name, and `participant` beside it.
    public let roles: [String]
    /// ISO 8601: the server's clock now.
    public let serverTime: String
    /// The account's language (`fr`, `en`, `es`), as `user.locale`.
    public let locale: String

    /// Memberwise.
    public init(user: UserView, roles: [String], serverTime: String, locale: String) {
        self.user = user
        self.roles = roles
        self.serverTime = serverTime
        self.locale = locale
    }
}

/// The reply to `ping`.
public struct PingReply: Codable, Sendable {
    /// ISO 8601: the server's clock now.
    public let serverTime: String
    /// Memberwise.
    public init(serverTime: String) { self.serverTime = serverTime }
}

/// `locale.set`: the account's language, followed on every device.
public struct LocaleSetRequest: Codable, Sendable {
    /// `fr`, `en` or `es` (required).
    public let locale: String?
}

/// The reply to `locale.set`.
public struct LocaleSetReply: Codable, Sendable {
    /// The account's language now.
    public let locale: String
    /// Memberwise.
    public init(locale: String) { self.locale = locale }
}

/// The `{}` reply (or payload) of requests that answer nothing more.
public struct EmptyPayload: Codable, Sendable {
    /// Makes `{}`.
    public init() {}
}
