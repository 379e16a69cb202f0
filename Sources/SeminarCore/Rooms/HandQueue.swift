/// Raised hands in a room, in the order they went up.
public struct HandQueue: Sendable, Equatable {
    public struct Hand: Sendable, Equatable {
        public let user: UserID
        public let displayName: String
        public let raisedAt: Timestamp

        public init(user: UserID, displayName: String, raisedAt: Timestamp) {
            self.user = user
            self.displayName = displayName
            self.raisedAt = raisedAt
        }
    }

    public private(set) var hands: [Hand] = []
    /// Who was last given the floor.
    public private(set) var granted: UserID?

    public init() {}

    /// A queue as stored: the hands in the order raised, and who was last given the floor.
    public init(hands: [Hand], granted: UserID?) {
        self.hands = hands
        self.granted = granted
    }

    /// Raises a hand; raising it again keeps its place and changes nothing (`raised` false: nobody is told).
    /// Returns the 1-based place.
    @discardableResult
    public mutating func raise(_ user: UserID, name: String, at: Timestamp) -> (place: Int, raised: Bool) {
        if let index = hands.firstIndex(where: { $0.user == user }) { return (index + 1, false) }
        hands.append(Hand(user: user, displayName: name, raisedAt: at))
        return (hands.count, true)
    }

    /// Lowers a hand; false when it was not up.
    @discardableResult
    public mutating func lower(_ user: UserID) -> Bool {
        guard let index = hands.firstIndex(where: { $0.user == user }) else { return false }
        hands.remove(at: index)
        return true
    }

    /// Gives `user` the floor: their hand comes down. `not_found` when their hand is not up.
    public mutating func grant(_ user: UserID) throws(DomainError) {
        guard lower(user) else { throw DomainError(.notFound, "This person's hand is not raised", field: "userId") }
        granted = user
    }

    /// 1-based place in the queue, nil when the hand is down.
    public func position(of user: UserID) -> Int? {
        hands.firstIndex { $0.user == user }.map { $0 + 1 }
    }
}
