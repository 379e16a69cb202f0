/// A slot of the organisers' meeting grid.
public struct MeetingSlot: Sendable, Equatable, Codable {
    public let id: SlotID
    public let startsAt: Timestamp
    public let endsAt: Timestamp
    public let tables: Int

    public init(id: SlotID, startsAt: Timestamp, endsAt: Timestamp, tables: Int) {
        self.id = id
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.tables = tables
    }
}

/// The state of a meeting request.
public enum RequestStatus: String, Sendable, Codable {
    case pending, accepted, declined, expired, cancelled
}

/// Rules of the grid and of requests, pure.
public enum MeetingRules {
    /// Checks a new grid: equal slots, none overlapping, at least one table.
    public static func validateGrid(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int?) throws(DomainError) -> Int {
        guard let tables, (1...10_000).contains(tables) else { throw .invalid("tables", "tables must be 1 to 10000") }
        guard !slots.isEmpty, slots.count <= 2_000 else { throw .invalid("slots", "give 1 to 2000 slots") }
        let sorted = slots.sorted { $0.start < $1.start }
        let length = sorted[0].end.milliseconds - sorted[0].start.milliseconds
        for (index, slot) in sorted.enumerated() {
            guard slot.start < slot.end else { throw .invalid("slots[\(index)]", "a slot must end after it starts") }
            guard slot.end.milliseconds - slot.start.milliseconds == length else { throw .invalid("slots[\(index)]", "slots must all last the same time") }
            if index > 0, sorted[index - 1].end > slot.start { throw .invalid("slots[\(index)]", "slots must not overlap") }
        }
        return tables
    }

    /// Checks the slots a request proposes: 1 to 5 distinct slots of the grid, none in the past.
    public static func validateProposal(_ proposed: [SlotID]?, grid: [SlotID: MeetingSlot], now: Timestamp) throws(DomainError) -> [MeetingSlot] {
        guard let proposed, !proposed.isEmpty, proposed.count <= 5 else { throw .invalid("slots", "propose 1 to 5 slots") }
        var seen = Set<SlotID>()
        var result: [MeetingSlot] = []
        for id in proposed {
            guard seen.insert(id).inserted else { continue }
            guard let slot = grid[id] else { throw DomainError(.notFound, "No slot \(id) in the meeting grid", field: "slots") }
            guard slot.startsAt > now else { throw .invalid("slots", "slot \(id) has already started") }
            result.append(slot)
        }
        return result
    }

    /// Whether a pending request has expired.
    public static func isExpired(createdAt: Timestamp, now: Timestamp, expiryHours: Int) -> Bool {
        now.milliseconds - createdAt.milliseconds >= Int64(expiryHours) * 3_600_000
    }
}

/// The kinds of WebRTC signalling relayed between the two people of a meeting; `camera` (`{on}`) tells the other
/// whether one's camera is on, so that their page shows a name card rather than a black picture.
public enum SignalKind: String, Sendable, Codable, CaseIterable {
    case offer, answer, candidate, bye, camera
}
