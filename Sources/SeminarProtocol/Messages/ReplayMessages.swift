import SeminarCore

/// A recording of the stage on a session's page: `url` plays it (served to signed-in people, as the page is).
public struct ReplayView: Codable, Sendable, Equatable {
    /// The replay's id.
    public let id: Int64
    /// Where it plays: `/replays/<id>` (signed in, byte ranges allowed).
    public let url: String
    /// The speaker's name, as recorded.
    public let speaker: String
    /// `camera` or `screen`.
    public let kind: String
    /// `video/webm`, or `audio/ogg` for a feed without video.
    public let mediaType: String
    /// ISO 8601: when the recording of this feed started.
    public let startedAt: String
    /// ISO 8601: when it stopped.
    public let endedAt: String

    /// Makes the view of a stored replay.
    public init(_ replay: SessionReplay) {
        id = replay.id.rawValue
        url = "/replays/\(replay.id)"
        speaker = replay.speaker
        kind = replay.kind
        mediaType = replay.mediaType
        startedAt = replay.startedAt.iso8601
        endedAt = replay.endedAt.iso8601
    }
}

/// The event `replay.added` on topic `seminar`: a recording of the session's stage is ready to watch.
public struct ReplayAdded: Codable, Sendable {
    /// The session.
    public let sessionId: Int64
    /// The new replay.
    public let replay: ReplayView
}

/// `stage.record {roomId, on}`: a host starts (`on: true`) or stops recording the room's stage.
public struct StageRecordRequest: Codable, Sendable {
    /// The room (required; a session room).
    public let roomId: RoomID?
    /// True starts recording, false stops it (required).
    public let on: Bool?
}

/// Whether the room's stage is being recorded: `stage.record`'s reply, the event `stage.recording` on `room:<id>`
/// (every page in the room shows it), and the snapshot's `stage.recording`.
public struct StageRecordingView: Codable, Sendable, Equatable {
    /// Whether this server can record a stage at all (a Janus, and `janus-pp-rec`).
    public let available: Bool
    /// Whether the stage is being recorded now.
    public let recording: Bool
    /// When recording started (ISO 8601), while it goes on.
    public let since: String?
    /// Why the last recording gave no replay, told once when it stopped: `empty` (its folder held nothing playable:
    /// Janus could not write there) or `not_stored`. Absent otherwise.
    public let problem: String?

    /// Memberwise; no problem by default.
    public init(available: Bool, recording: Bool, since: String?, problem: String? = nil) {
        self.available = available
        self.recording = recording
        self.since = since
        self.problem = problem
    }
}
