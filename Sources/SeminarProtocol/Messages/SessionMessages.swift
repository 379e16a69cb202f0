import SeminarCore

/// A person as others and they themselves see them.
public struct UserView: Codable, Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let displayName: String
    public let locale: String
    public let role: String

    public init(id: UserID, email: String, displayName: String, locale: Language, role: Role) {
        self.id = id.rawValue
        self.email = email
        self.displayName = displayName
        self.locale = locale.rawValue
        self.role = role.rawValue
    }
}

public struct HelloRequest: Codable, Sendable {
    public let token: String?
    public init(token: String?) { self.token = token }
}

public struct HelloReply: Codable, Sendable {
    public let user: UserView
    public let roles: [String]
    public let serverTime: String
    public let locale: String

    public init(user: UserView, roles: [String], serverTime: String, locale: String) {
        self.user = user
        self.roles = roles
        self.serverTime = serverTime
        self.locale = locale
    }
}

public struct PingReply: Codable, Sendable {
    public let serverTime: String
    public init(serverTime: String) { self.serverTime = serverTime }
}

public struct LocaleSetRequest: Codable, Sendable {
    public let locale: String?
}

public struct LocaleSetReply: Codable, Sendable {
    public let locale: String
    public init(locale: String) { self.locale = locale }
}

public struct EmptyPayload: Codable, Sendable {
    public init() {}
}
