/// The all-week channel (UCLG TV): its room, its streams by language, and what is on now and next.
public struct SeminarChannel: Sendable, Equatable {
    public let roomId: RoomID
    public let name: LocalizedText
    /// Stream addresses by language (`floor`: the room's own sound).
    public let streams: [String: String]
    public let now: Programme?
    public let next: Programme?

    public init(roomId: RoomID, name: LocalizedText, streams: [String: String], now: Programme?, next: Programme?) {
        self.roomId = roomId
        self.name = name
        self.streams = streams
        self.now = now
        self.next = next
    }

    /// One programme of the channel.
    public struct Programme: Sendable, Equatable {
        public let title: LocalizedText
        public let startsAt: Timestamp
        public let endsAt: Timestamp

        public init(title: LocalizedText, startsAt: Timestamp, endsAt: Timestamp) {
            self.title = title
            self.startsAt = startsAt
            self.endsAt = endsAt
        }
    }
}

/// A session whose room is live now.
public struct LiveSession: Sendable, Equatable {
    public let sessionId: SessionID
    public let roomId: RoomID
    public let title: LocalizedText
    public let startsAt: Timestamp
    public let endsAt: Timestamp

    public init(sessionId: SessionID, roomId: RoomID, title: LocalizedText, startsAt: Timestamp, endsAt: Timestamp) {
        self.sessionId = sessionId
        self.roomId = roomId
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
    }
}
