/// A bookmarked session starts soon: told once per session start to each person who bookmarked it.
public struct SessionReminder: Sendable, Equatable {
    public let sessionId: SessionID
    /// The session's room, when it has one.
    public let roomId: RoomID?
    public let title: LocalizedText
    public let startsAt: Timestamp

    public init(sessionId: SessionID, roomId: RoomID?, title: LocalizedText, startsAt: Timestamp) {
        self.sessionId = sessionId
        self.roomId = roomId
        self.title = title
        self.startsAt = startsAt
    }
}
