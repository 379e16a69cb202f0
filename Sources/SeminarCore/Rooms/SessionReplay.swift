/// A recording of a session room's stage, made playable: one speaker's feed (camera or screen, with its sound) from
/// the moment recording started, or the feed went live, until recording stopped. Shown on the session's page.
public struct SessionReplay: Sendable, Equatable {
    public let id: ReplayID
    public let roomId: RoomID
    public let sessionId: SessionID
    public let speaker: String
    /// `camera` or `screen`.
    public let kind: String
    /// `video/webm`, or `audio/ogg` for a feed without video.
    public let mediaType: String
    public let startedAt: Timestamp
    public let endedAt: Timestamp

    public init(id: ReplayID, roomId: RoomID, sessionId: SessionID, speaker: String, kind: String, mediaType: String, startedAt: Timestamp,
                endedAt: Timestamp) {
        self.id = id
        self.roomId = roomId
        self.sessionId = sessionId
        self.speaker = speaker
        self.kind = kind
        self.mediaType = mediaType
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
