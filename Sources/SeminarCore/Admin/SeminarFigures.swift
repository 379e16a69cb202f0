/// The dashboard's figures as the database knows them (who is online and in each room now come from the server).
public struct SeminarFigures: Sendable, Equatable {
    /// A session or channel room that is open, live, or was attended.
    public struct Room: Sendable, Equatable {
        public let roomId: RoomID
        public let sessionId: SessionID?
        public let title: LocalizedText
        public let state: String
        /// The most people in the room at once.
        public let peak: Int

        public init(roomId: RoomID, sessionId: SessionID?, title: LocalizedText, state: String, peak: Int) {
            self.roomId = roomId
            self.sessionId = sessionId
            self.title = title
            self.state = state
            self.peak = peak
        }
    }

    public struct Desk: Sendable, Equatable {
        public let waiting: Int
        public let claimed: Int
        public let resolvedToday: Int

        public init(waiting: Int, claimed: Int, resolvedToday: Int) {
            self.waiting = waiting
            self.claimed = claimed
            self.resolvedToday = resolvedToday
        }
    }

    public struct Meetings: Sendable, Equatable {
        public let requested: Int
        public let accepted: Int
        public let held: Int
        public let cancelled: Int
        public let noShow: Int

        public init(requested: Int, accepted: Int, held: Int, cancelled: Int, noShow: Int) {
            self.requested = requested
            self.accepted = accepted
            self.held = held
            self.cancelled = cancelled
            self.noShow = noShow
        }
    }

    /// How many messages were written in the minute that starts at `start`.
    public struct Minute: Sendable, Equatable {
        public let start: Timestamp
        public let count: Int

        public init(start: Timestamp, count: Int) {
            self.start = start
            self.count = count
        }
    }

    public let onlineToday: Int
    public let registered: Int
    public let rooms: [Room]
    public let desk: Desk
    public let meetings: Meetings
    /// Chat messages, questions, DMs and desk messages per minute over the last hour (60 entries, oldest first).
    public let messagesPerMinute: [Minute]

    public init(onlineToday: Int, registered: Int, rooms: [Room], desk: Desk, meetings: Meetings, messagesPerMinute: [Minute]) {
        self.onlineToday = onlineToday
        self.registered = registered
        self.rooms = rooms
        self.desk = desk
        self.meetings = meetings
        self.messagesPerMinute = messagesPerMinute
    }
}
