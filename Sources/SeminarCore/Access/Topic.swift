/// A stream of events a client can subscribe to.
public enum Topic: Hashable, Sendable, CustomStringConvertible {
    case seminar
    case lounge
    case desk
    case feed
    case room(RoomID)
    case user(UserID)

    /// Parses the wire name (`seminar`, `room:4`, `user:12`, …); nil when it names no topic.
    public init?(_ name: String) {
        switch name {
        case "seminar": self = .seminar
        case "lounge": self = .lounge
        case "desk": self = .desk
        case "feed": self = .feed
        default:
            let parts = name.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let id = Int64(parts[1]), id > 0 else { return nil }
            switch parts[0] {
            case "room": self = .room(RoomID(id))
            case "user": self = .user(UserID(id))
            default: return nil
            }
        }
    }

    public var description: String {
        switch self {
        case .seminar: "seminar"
        case .lounge: "lounge"
        case .desk: "desk"
        case .feed: "feed"
        case .room(let id): "room:\(id)"
        case .user(let id): "user:\(id.rawValue)"
        }
    }

    /// Whether `user` holding `role` may subscribe to this topic.
    public func canSubscribe(user: UserID, role: Role) -> Result<Void, DomainError> {
        switch self {
        case .user(let owner) where owner != user:
            return .failure(.init(.forbidden, "A private topic belongs to its owner"))
        case .desk where role != .agent && role != .organiser:
            return .failure(.init(.forbidden, "Only desk agents may follow the desk queue"))
        default:
            return .success(())
        }
    }
}
