/// `stage.publish {roomId, sdp (offer), kind: camera|screen}`.
public struct StagePublishRequest: Codable, Sendable {
    public let roomId: Int64?
    public let sdp: String?
    public let kind: String?
}

/// `stage.publish`'s reply: Janus's answer and the new feed.
public struct StagePublishReply: Codable, Sendable {
    public let sdp: String
    public let feedId: Int64
    public init(sdp: String, feedId: Int64) {
        self.sdp = sdp
        self.feedId = feedId
    }
}

/// `stage.unpublish {roomId, feedId?}` (no feedId: every feed of the sender in the room).
public struct StageUnpublishRequest: Codable, Sendable {
    public let roomId: Int64?
    public let feedId: Int64?
}

/// `stage.invite` / `stage.remove {roomId, userId}`.
public struct StageSpeakerRequest: Codable, Sendable {
    public let roomId: Int64?
    public let userId: Int64?
}

/// `stage.mute {roomId, userId, muted (default true)}`.
public struct StageMuteRequest: Codable, Sendable {
    public let roomId: Int64?
    public let userId: Int64?
    public let muted: Bool?
}

/// `stage.watch {roomId, feedIds?}` (none: every live feed of the room).
public struct StageWatchRequest: Codable, Sendable {
    public let roomId: Int64?
    public let feedIds: [Int64]?
}

/// One media line of a watch's offer: which feed its track comes from.
public struct StageStreamView: Codable, Sendable, Equatable {
    public let mid: String
    public let feedId: Int64
    public let type: String
    public init(mid: String, feedId: Int64, type: String) {
        self.mid = mid
        self.feedId = feedId
        self.type = type
    }
}

/// `stage.watch`'s reply: Janus's offer to answer with `stage.answer`, and what each media line carries.
public struct StageWatchReply: Codable, Sendable {
    public let sdp: String
    public let watchId: Int64
    public let streams: [StageStreamView]
    public init(sdp: String, watchId: Int64, streams: [StageStreamView]) {
        self.sdp = sdp
        self.watchId = watchId
        self.streams = streams
    }
}

/// `stage.answer {watchId, sdp}`.
public struct StageAnswerRequest: Codable, Sendable {
    public let watchId: Int64?
    public let sdp: String?
}

/// A live feed on a room's stage.
public struct StageFeedView: Codable, Sendable, Equatable {
    public let feedId: Int64
    public let userId: Int64
    public let displayName: String
    public let kind: String
    /// A host muted this feed's microphone for everyone.
    public let muted: Bool
    public init(feedId: Int64, userId: Int64, displayName: String, kind: String, muted: Bool = false) {
        self.feedId = feedId
        self.userId = userId
        self.displayName = displayName
        self.kind = kind
        self.muted = muted
    }
}

/// Someone invited on a room's stage.
public struct StageSpeakerView: Codable, Sendable, Equatable {
    public let userId: Int64
    public let displayName: String
    public init(userId: Int64, displayName: String) {
        self.userId = userId
        self.displayName = displayName
    }
}

/// The event `stage.feeds` on `room:<id>` (ephemeral), and the room snapshot's `stage`: whether the server has a
/// stage, its size, the feeds Janus lists as publishing, and the people invited.
public struct StageView: Codable, Sendable, Equatable {
    public let available: Bool
    public let maxSpeakers: Int
    public let feeds: [StageFeedView]
    public let speakers: [StageSpeakerView]
    /// Whether the stage is being recorded (and can be).
    public let recording: StageRecordingView
    public init(available: Bool, maxSpeakers: Int, feeds: [StageFeedView], speakers: [StageSpeakerView], recording: StageRecordingView) {
        self.available = available
        self.maxSpeakers = maxSpeakers
        self.feeds = feeds
        self.speakers = speakers
        self.recording = recording
    }
}
