/// A person as shown beside what they wrote or asked: their name and, where they speak as one, a ``Badge``.
public struct Author: Sendable, Equatable {
    public let id: Int64
    public let displayName: String
    public let badge: Badge?

    public init(id: Int64, displayName: String, badge: Badge? = nil) {
        self.id = id
        self.displayName = displayName
        self.badge = badge
    }
}
