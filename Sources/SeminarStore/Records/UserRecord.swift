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

    /// A person as another store reads them.
    public init(id: UserID, email: String, passwordHash: String, displayName: String, locale: Language, role: Role) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.locale = locale
        self.role = role
    }

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
