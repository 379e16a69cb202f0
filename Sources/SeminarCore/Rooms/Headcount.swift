/// Who is in a room: signed-in people, each counted once however many sockets (tabs) they have in it.
/// A socket is remembered with the person it had when it came in, so it leaves as the person it entered as.
///
/// In a cluster, the people in on the other nodes (``setElsewhere(_:)``) count too, each once whether here or not:
/// ``total`` is kept as people come and go, so counting costs nothing however big the room (the other nodes' set is
/// walked once when it changes, not at every count).
public struct Headcount: Sendable, Equatable {
    private var sockets: [UInt64: UserID] = [:]
    private var people: [UserID: Int] = [:]
    private var elsewhere: Set<UserID> = []
    /// How many of `elsewhere` have no socket here.
    private var onlyElsewhere = 0

    public init() {}

    /// How many distinct people are in here (on this node).
    public var count: Int { people.count }

    /// How many distinct people are in, here or on another node.
    public var total: Int { people.count + onlyElsewhere }

    /// Nobody in, here or elsewhere.
    public var isEmpty: Bool { sockets.isEmpty && elsewhere.isEmpty }

    /// The people in on the other nodes, as last heard.
    public mutating func setElsewhere(_ others: Set<UserID>) {
        elsewhere = others
        onlyElsewhere = others.count { people[$0] == nil }
    }

    /// The people in, each once (in no particular order).
    public var persons: [UserID] { Array(people.keys) }

    /// Whether `person` has at least one socket in.
    public func contains(_ person: UserID) -> Bool {
        people[person] != nil
    }

    /// A socket comes in; one that is already in, or that nobody has signed in on, changes nothing.
    public mutating func enter(socket: UInt64, person: UserID?) {
        guard let person, sockets[socket] == nil else { return }
        sockets[socket] = person
        if people[person] == nil, elsewhere.contains(person) { onlyElsewhere -= 1 }
        people[person, default: 0] += 1
    }

    /// A socket goes; the person leaves with their last one.
    public mutating func leave(socket: UInt64) {
        guard let person = sockets.removeValue(forKey: socket), let count = people[person] else { return }
        people[person] = count > 1 ? count - 1 : nil
        if count == 1, elsewhere.contains(person) { onlyElsewhere += 1 }
    }
}

extension Headcount {
    /// One socket's stay in a room, as the attendance log keeps it.
    public struct Visit: Sendable, Equatable {
        public let id: VisitID
        public let person: UserID
        public let joinedAt: Int64
        public let leftAt: Int64?

        public init(id: VisitID, person: UserID, joinedAt: Int64, leftAt: Int64?) {
            self.id = id
            self.person = person
            self.joinedAt = joinedAt
            self.leftAt = leftAt
        }
    }

    /// The most people in at once over these visits (a person in two tabs counts once).
    public static func peak(of visits: [Visit]) -> Int {
        var changes: [(at: Int64, visit: Visit, enters: Bool)] = []
        for visit in visits {
            changes.append((visit.joinedAt, visit, true))
            if let left = visit.leftAt { changes.append((left, visit, false)) }
        }
        // Leaving before joining at the same instant, so a reconnect does not count twice.
        changes.sort { $0.at == $1.at ? !$0.enters && $1.enters : $0.at < $1.at }
        var room = Headcount(), peak = 0
        for change in changes {
            if change.enters {
                room.enter(socket: UInt64(bitPattern: change.visit.id.rawValue), person: change.visit.person)
            } else {
                room.leave(socket: UInt64(bitPattern: change.visit.id.rawValue))
            }
            peak = max(peak, room.count)
        }
        return peak
    }
}
