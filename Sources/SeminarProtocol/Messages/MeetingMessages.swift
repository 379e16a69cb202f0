public struct SlotView: Codable, Sendable, Equatable {
    public let id: Int64
    public let startsAt: String
    public let endsAt: String
    public let tables: Int
    public let freeTables: Int
    public let available: Bool
    public init(id: Int64, startsAt: String, endsAt: String, tables: Int, freeTables: Int, available: Bool) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.tables = tables
        self.freeTables = freeTables
        self.available = available
    }
}

public struct GridReply: Codable, Sendable {
    public let slots: [SlotView]
    public init(slots: [SlotView]) { self.slots = slots }
}

public struct GridSlotInput: Codable, Sendable {
    public let startsAt: String?
    public let endsAt: String?
}

public struct GridSetRequest: Codable, Sendable {
    public let slots: [GridSlotInput]?
    public let tables: Int?
}

public struct AvailabilityRequest: Codable, Sendable {
    public let slots: [Int64]?
}

public struct MeetingRequestRequest: Codable, Sendable {
    public let to: Int64?
    public let slots: [Int64]?
    public let message: String?
    public let confirmOverlap: Bool?
}

public struct RequestIDRequest: Codable, Sendable {
    public let requestId: Int64?
    public let slot: Int64?
    public let reason: String?
    public let confirmOverlap: Bool?
}

public struct MeetingIDRequest: Codable, Sendable {
    public let meetingId: Int64?
}

public struct SlotRef: Codable, Sendable, Equatable {
    public let id: Int64
    public let startsAt: String
    public let endsAt: String
    public init(id: Int64, startsAt: String, endsAt: String) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

public struct RequestView: Codable, Sendable, Equatable {
    public let id: Int64
    public let from: AuthorView
    public let to: AuthorView
    public let slots: [SlotRef]
    public let message: String
    public let status: String
    public let reason: String?
    public let createdAt: String
    public let expiresAt: String
    public init(id: Int64, from: AuthorView, to: AuthorView, slots: [SlotRef], message: String, status: String, reason: String?,
                createdAt: String, expiresAt: String) {
        self.id = id
        self.from = from
        self.to = to
        self.slots = slots
        self.message = message
        self.status = status
        self.reason = reason
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public struct MeetingView: Codable, Sendable, Equatable {
    public let id: Int64
    public let slot: SlotRef
    public let table: Int
    public let with: AuthorView
    public let roomId: Int64?
    public let status: String
    public let checkedIn: Bool
    public let otherCheckedIn: Bool
    public init(id: Int64, slot: SlotRef, table: Int, with: AuthorView, roomId: Int64?, status: String, checkedIn: Bool, otherCheckedIn: Bool) {
        self.id = id
        self.slot = slot
        self.table = table
        self.with = with
        self.roomId = roomId
        self.status = status
        self.checkedIn = checkedIn
        self.otherCheckedIn = otherCheckedIn
    }
}

public struct MeetingListReply: Codable, Sendable {
    public let incoming: [RequestView]
    public let outgoing: [RequestView]
    public let meetings: [MeetingView]
    public init(incoming: [RequestView], outgoing: [RequestView], meetings: [MeetingView]) {
        self.incoming = incoming
        self.outgoing = outgoing
        self.meetings = meetings
    }
}

public struct SignalRequest: Codable, Sendable {
    public let meetingId: Int64?
    public let to: Int64?
    public let kind: String?
    public let payload: JSONFragment?
}

/// Any JSON value, kept as it came (for WebRTC payloads the server only relays).
public enum JSONFragment: Codable, Sendable, Equatable {
    case string(String), number(Double), bool(Bool), object([String: JSONFragment]), array([JSONFragment]), null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONFragment].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONFragment].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .object(let v): try c.encode(v)
        case .array(let v): try c.encode(v)
        case .null: try c.encodeNil()
        }
    }
}
