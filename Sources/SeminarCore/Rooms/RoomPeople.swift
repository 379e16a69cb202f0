/// A room's list of who is there: the hosts first (the room's hosts, then organisers, then agents, as their badges
/// say), then everyone else by name; at most `limit` of them, with how many are in. Bounded so that a room of
/// 18,000 sends a page of names, not 18,000.
public enum RoomPeople {
    /// The most names one list holds; the count says how many more are in.
    public static let listLimit = 100

    /// Someone in the room, with what the badge rule needs.
    public struct Person: Sendable, Equatable {
        public let id: UserID
        public let displayName: String
        public let role: Role
        public let hostsRoom: Bool
        /// Their profile photo's id, if they have one.
        public let photo: FileID?

        public init(id: UserID, displayName: String, role: Role, hostsRoom: Bool, photo: FileID? = nil) {
            self.id = id
            self.displayName = displayName
            self.role = role
            self.hostsRoom = hostsRoom
            self.photo = photo
        }

        /// Their badge in this room (``Badge/inRoom(role:hostsRoom:)``).
        public var badge: Badge? { Badge.inRoom(role: role, hostsRoom: hostsRoom) }
    }

    /// The first `limit` people in the list's order, and how many there are in all.
    public static func list(_ people: [Person], limit: Int = listLimit) -> (shown: [Person], count: Int) {
        // Each key made once (folding a name is not free, and a big room sorts thousands).
        let keyed = people.map { (rank: rank($0.badge), name: TextFold.fold($0.displayName), person: $0) }
        let sorted = keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            return a.name != b.name ? a.name < b.name : a.person.id.rawValue < b.person.id.rawValue
        }.map(\.person)
        return (Array(sorted.prefix(max(0, limit))), people.count)
    }

    private static func rank(_ badge: Badge?) -> Int {
        switch badge {
        case .host: 0
        case .organiser: 1
        case .agent: 2
        case nil: 3
        }
    }
}
