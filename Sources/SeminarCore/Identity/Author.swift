/// A person as shown beside what they wrote or asked: their name and, where they speak as one, a ``Badge``.
public struct Author: Sendable, Equatable {
    public let id: UserID
    public let displayName: String
    public let badge: Badge?

    public init(id: UserID, displayName: String, badge: Badge? = nil) {
        self.id = id
        self.displayName = displayName
        self.badge = badge
    }
}

extension Author {
    /// Someone speaking outside rooms (desk, hub, direct messages), with the badge of their role as stored (an unknown
    /// role: none).
    public init(id: UserID, displayName: String, storedRole role: String?) {
        self.init(id: id, displayName: displayName, badge: role.flatMap(Role.init(rawValue:)).flatMap(Badge.of(role:)))
    }
}
