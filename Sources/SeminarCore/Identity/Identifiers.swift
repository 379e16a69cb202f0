/// A typed row id: two ids of different kinds never mix.
public struct ID<Kind>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

public enum UserKind {}
public enum AnnouncementKind {}
public enum SessionKind {}
public enum TicketKind {}

public typealias UserID = ID<UserKind>
public typealias AnnouncementID = ID<AnnouncementKind>
public typealias SessionID = ID<SessionKind>
/// A help ticket at the welcome desk.
public typealias TicketID = ID<TicketKind>
