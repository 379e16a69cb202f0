import GRDB
import SeminarCore

/// A row of `users`.
public struct UserRecord: Sendable, Equatable, FetchableRecord {
    public let id: UserID
    public let email: String
    public let passwordHash: String
    public let displayName: String
    public let locale: Language
    public private(set) var role: Role

    public init(row: Row) throws {
        id = UserID(row["id"])
        email = row["email"]
        passwordHash = row["password_hash"]
        displayName = row["display_name"]
        locale = Language(rawValue: row["locale"]) ?? .en
        role = Role(rawValue: row["role"]) ?? .participant
    }

    /// The same person with another role (when an organiser changes it while their sockets are open).
    public func with(role: Role) -> UserRecord {
        var copy = self
        copy.role = role
        return copy
    }
}
