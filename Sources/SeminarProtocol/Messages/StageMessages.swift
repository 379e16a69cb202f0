import SeminarCore

/// `stage.publish {roomId, sdp (offer), kind: camera|screen}`.
public struct StagePublishRequest: Codable, Sendable {
    /// The room (required).
    public let roomId: RoomID?
    /// The publisher's SDP offer, complete (≤ 64 KiB).
    public let sdp: String?
    /// `camera` or `screen`.
    public let kind: String?
}

/// `stage.publish`'s reply: Janus's answer and the new feed.
public struct StagePublishReply: Codable, Sendable {
    /// Janus's SDP answer.
    public let sdp: String
    /// The new feed's id.
    public let feedId: Int64
    /// Memberwise.
    public init(sdp: String, feedId: Int64) {
        self.sdp = sdp
        self.feedId = feedId
    }
}

/// `stage.unpublish {roomId, feedId?}` (no feedId: every feed of the sender in the room).
public struct StageUnpublishRequest: Codable, Sendable {
    /// The room (required).
    public let roomId: RoomID?
    /// The feed to end; absent: every feed of the sender in the room.
    public let feedId: Int64?
}

/// `stage.invite` / `stage.remove {roomId, userId}`.
public struct StageSpeakerRequest: Codable, Sendable {
    /// The room (required).
    public let roomId: RoomID?
    /// The person invited or removed.
    public let userId: Int64?
}

/// `stage.mute {roomId, userId, muted (default true)}`.
public struct StageMuteRequest: Codable, Sendable {
    /// The room (required).
    public let roomId: RoomID?
    /// The speaker whose microphone is muted or unmuted.
    public let userId: Int64?
    /// True (the default) mutes, false unmutes.
    public let muted: Bool?
}

/// `stage.watch {roomId, feedIds?}` (none: every live feed of the room).
public struct StageWatchRequest: Codable, Sendable {
    /// The room (required).
    public let roomId: RoomID?
    /// The feeds to watch; absent: every live feed.
    public let feedIds: [Int64]?
}

/// One media line of a watch's offer: which feed its track comes from.
public struct StageStreamView: Codable, Sendable, Equatable {
    /// The media line's `mid` in the SDP.
    public let mid: String
    /// The feed it carries.
    public let feedId: Int64
    /// `audio` or `video`.
    public let type: String
    /// Memberwise.
    public init(mid: String, feedId: Int64, type: String) {
        self.mid = mid
        self.feedId = feedId
        self.type = type
    }
}

/// `stage.watch`'s reply: Janus's offer to answer with `stage.answer`, and what each media line carries.
public struct StageWatchReply: Codable, Sendable {
    /// Janus's SDP offer.
    public let sdp: String
    /// The watch's id (what `stage.answer` names).
    public let watchId: Int64
    /// What each media line carries.
    public let streams: [StageStreamView]
    /// Memberwise.
    public init(sdp: String, watchId: Int64, streams: [StageStreamView]) {
        self.sdp = sdp
        self.watchId = watchId
        self.streams = streams
    }
}

/// `stage.answer {watchId, sdp}`.
public struct StageAnswerRequest: Codable, Sendable {
    /// The watch (required).
    public let watchId: Int64?
    /// The watcher's SDP answer.
    public let sdp: String?
}

/// A live feed on a room's stage.
public struct StageFeedView: Codable, Sendable, Equatable {
    /// The feed's id.
    public let feedId: Int64
    /// The speaker.
    public let userId: Int64
    /// The speaker's display name.
    public let displayName: String
    /// `camera` or `screen`.
    public let kind: String
    /// A host muted this feed's microphone for everyone.
    public let muted: Bool
    /// Memberwise; not muted by default.
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
    /// The person.
    public let userId: Int64
    /// Their display name.
    public let displayName: String
    /// Memberwise.
    public init(userId: Int64, displayName: String) {
        self.userId = userId
        self.displayName = displayName
    }
}

/// The event `stage.feeds` on `room:<id>` (ephemeral), and the room snapshot's `stage`: whether the server has a
/// stage, its size, the feeds Janus lists as publishing, and the people invited.
public struct StageView: Codable, Sendable, Equatable {
    /// Whether the server has a stage (a Janus).
    public let available: Bool
    /// How many people may be on the stage at once.
    public let maxSpeakers: Int
    /// The live feeds.
    public let feeds: [StageFeedView]
    /// The people invited, in order.
    public let speakers: [StageSpeakerView]
    /// Whether the stage is being recorded (and can be).
    public let recording: StageRecordingView
    /// Memberwise.
    public init(available: Bool, maxSpeakers: Int, feeds: [StageFeedView], speakers: [StageSpeakerView], recording: StageRecordingView) {
        self.available = available
        self.maxSpeakers = maxSpeakers
        self.feeds = feeds
        self.speakers = speakers
        self.recording = recording
    }
}
