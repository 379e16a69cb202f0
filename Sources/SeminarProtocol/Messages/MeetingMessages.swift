import SeminarCore

/// One slot of the meeting grid, as `grid.get` (and `grid.set`, `availability.set`) answers.
public struct SlotView: Codable, Sendable, Equatable {
    /// The slot's id (what `availability.set` and `meeting.request` name).
    public let id: Int64
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// How many tables the slot has.
    public let tables: Int
    /// How many of them are not booked yet.
    public let freeTables: Int
    /// Whether the reader marked themself available in it.
    public let available: Bool
    /// Memberwise.
    public init(id: Int64, startsAt: String, endsAt: String, tables: Int, freeTables: Int, available: Bool) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.tables = tables
        self.freeTables = freeTables
        self.available = available
    }
}

/// The reply to `grid.get`, `grid.set` and `availability.set`: the whole grid.
public struct GridReply: Codable, Sendable {
    /// The slots, in time order.
    public let slots: [SlotView]
    /// Memberwise.
    public init(slots: [SlotView]) { self.slots = slots }
}

/// One slot to add to the grid.
public struct GridSlotInput: Codable, Sendable {
    /// ISO 8601: when it starts.
    public let startsAt: String?
    /// ISO 8601: when it ends.
    public let endsAt: String?
}

/// `grid.set`: slots to add to the grid (equal, non-overlapping), with how many tables each has.
public struct GridSetRequest: Codable, Sendable {
    /// The slots to add.
    public let slots: [GridSlotInput]?
    /// Tables per slot (at least 1).
    public let tables: Int?
}

/// `availability.set`: the slots the sender is available in (replaces theirs).
public struct AvailabilityRequest: Codable, Sendable {
    /// The slots' ids.
    public let slots: [SlotID]?
}

/// `meeting.request`: ask a person for a meeting.
public struct MeetingRequestRequest: Codable, Sendable {
    /// The person asked.
    public let to: Int64?
    /// 1–5 slot ids the requester proposes.
    public let slots: [SlotID]?
    /// A message to go with the request, if any.
    public let message: String?
    /// True: go ahead even if a slot overlaps one of the requester's bookmarked sessions.
    public let confirmOverlap: Bool?
}

/// `meeting.accept`, `meeting.decline`, `meeting.withdraw`: the request named.
public struct RequestIDRequest: Codable, Sendable {
    /// The request (required).
    public let requestId: MeetingRequestID?
    /// `meeting.accept`: the slot taken, among those proposed.
    public let slot: SlotID?
    /// `meeting.decline`: why, if the invitee says.
    public let reason: String?
    /// `meeting.accept`: true to go ahead even if the slot overlaps a bookmarked session.
    public let confirmOverlap: Bool?
}

/// `meeting.cancel`, `meeting.checkin`: the meeting named.
public struct MeetingIDRequest: Codable, Sendable {
    /// The meeting's id (required).
    public let meetingId: MeetingID?
}

/// A slot as a request or a meeting names it.
public struct SlotRef: Codable, Sendable, Equatable {
    /// The slot's id.
    public let id: Int64
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// Memberwise.
    public init(id: Int64, startsAt: String, endsAt: String) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}

/// A meeting request (RequestView): in `meeting.list`, the `meeting.requested`, `meeting.declined`, `meeting.cancelled` and `meeting.expired` events.
public struct RequestView: Codable, Sendable, Equatable {
    /// The request's id.
    public let id: Int64
    /// Who asked.
    public let from: AuthorView
    /// Who was asked.
    public let to: AuthorView
    /// The slots proposed.
    public let slots: [SlotRef]
    /// The requester's message ("" when none).
    public let message: String
    /// `pending`, `accepted`, `declined`, `expired` or `cancelled`.
    public let status: String
    /// Why it was declined, if the invitee said; nil otherwise.
    public let reason: String?
    /// ISO 8601: when it was made.
    public let createdAt: String
    /// ISO 8601: when it expires if nobody answers.
    public let expiresAt: String
    /// Memberwise.
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

/// A booked meeting as one of its two people sees it (MeetingView): in `meeting.list`, `meeting.booked`, `meeting.reminder`.
public struct MeetingView: Codable, Sendable, Equatable {
    /// The meeting's id.
    public let id: Int64
    /// Its slot.
    public let slot: SlotRef
    /// The table's number in that slot.
    public let table: Int
    /// The other person.
    public let with: AuthorView
    /// The room of its table (`room.enter`), for the two people only; nil when it has none.
    public let roomId: Int64?
    /// `booked`, `held`, `cancelled` or `no_show`.
    public let status: String
    /// Whether the reader checked in.
    public let checkedIn: Bool
    /// Whether the other person checked in.
    public let otherCheckedIn: Bool
    /// Memberwise.
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

/// The reply to `meeting.list` (the server adds `iceServers` beside these).
public struct MeetingListReply: Codable, Sendable {
    /// Requests made to the reader.
    public let incoming: [RequestView]
    /// Requests the reader made.
    public let outgoing: [RequestView]
    /// The reader's meetings.
    public let meetings: [MeetingView]
    /// Memberwise.
    public init(incoming: [RequestView], outgoing: [RequestView], meetings: [MeetingView]) {
        self.incoming = incoming
        self.outgoing = outgoing
        self.meetings = meetings
    }
}

/// `rtc.signal`: a WebRTC message relayed to the other person of a meeting.
public struct SignalRequest: Codable, Sendable {
    /// The meeting (required).
    public let meetingId: MeetingID?
    /// The other person of the meeting.
    public let to: Int64?
    /// `offer`, `answer`, `candidate`, `bye` or `camera`.
    public let kind: String?
    /// What to relay, as it is (`camera`: `{on}`).
    public let payload: JSONFragment?
}

/// Any JSON value, kept as it came (for WebRTC payloads the server only relays).
public enum JSONFragment: Codable, Sendable, Equatable {
    case string(String), number(Double), bool(Bool), object([String: JSONFragment]), array([JSONFragment]), null

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONFragment].self) { self = .array(v) }
        else { self = .object(try c.decode([String: JSONFragment].self)) }
    }

    /// Writes the value back as it came.
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
