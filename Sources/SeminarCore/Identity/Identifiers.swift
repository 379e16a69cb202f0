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
public enum TrackKind {}
public enum TicketKind {}

/// A person's account.
public typealias UserID = ID<UserKind>
/// An organisers' announcement.
public typealias AnnouncementID = ID<AnnouncementKind>
/// A session of the program.
public typealias SessionID = ID<SessionKind>
/// A track of the program (a region, a commission…).
public typealias TrackID = ID<TrackKind>
/// A help ticket at the welcome desk.
public typealias TicketID = ID<TicketKind>
