import Foundation
import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// One recording of a room's stage, from `stage.record` on to off (or the room's end): Janus writes its files into
/// `folder`; `feeds` names the publishers recorded (those live at the start, and those who went live after).
struct Take: Sendable {
    struct Speaker: Sendable {
        let user: UserID
        let displayName: String
        let kind: String
    }

    let folder: String
    let since: Timestamp
    let by: UserID
    var feeds: [Int64: Speaker]
}

/// Recording the stage (`stage.record`): Janus records each publisher of the room into the take's folder; when it
/// stops, the files are made playable (``StageRecorder``) and stored as the session's replays (`replay.added`). The
/// room is told at once when recording starts and stops (`stage.recording`): people must know they are recorded.
extension StageLive {
    /// A Janus to record on, and `janus-pp-rec` to make the recordings playable.
    var recordable: Bool { available && recorder.available }

    func isRecording(room: RoomID) -> Bool {
        state.withLock { $0.takes[room] != nil }
    }

    func recording(room: RoomID, problem: String? = nil) -> StageRecordingView {
        let since = state.withLock { $0.takes[room]?.since }
        return StageRecordingView(available: recordable, recording: since != nil, since: since?.iso8601, problem: problem)
    }

    /// Starts recording the room's stage (``StageRules`` said yes). A second start that raced this one is refused.
    func startRecording(room: RoomID, by user: UserID) async throws {
        let janus = try requireJanus()
        let now = clock()
        let folder: String
        do {
            folder = try recorder.makeFolder(room: room, at: now.milliseconds)
        } catch {
            logger.error("no folder for a recording", metadata: ["room": "\(room)", "error": "\(error)"])
            throw StageRules.recordingUnavailable
        }
        let started = state.withLock { state -> Bool in
            guard state.takes[room] == nil else { return false }
            let live = state.feeds.values.filter { $0.room == room }
            state.takes[room] = Take(folder: folder, since: now, by: user, feeds: Dictionary(
                live.map { ($0.feedId, Take.Speaker(user: $0.user, displayName: $0.displayName, kind: $0.kind)) }, uniquingKeysWith: { a, _ in a }))
            return true
        }
        guard started else { throw DomainError(.conflict, "The stage is being recorded already", field: "on", detail: "recording") }
        do {
            try await ensureRoom(room)
            try await janus.record(room: room, into: folder, handle: try await controlHandle())
        } catch {
            state.withLock { _ = $0.takes.removeValue(forKey: room) }
            try? FileManager.default.removeItem(atPath: folder)
            logger.error("Janus did not start recording", metadata: ["room": "\(room)", "error": "\(error)"])
            if let failure = error as? JanusFailure, failure.code != 0 {
                throw DomainError(.unavailable, "The stage could not be recorded: \(failure.reason)", field: "on", detail: "recording_failed")
            }
            throw DomainError(.unavailable, "The stage is not reachable right now: try again in a moment", detail: "stage_down")
        }
        logger.info("stage recording started", metadata: ["room": "\(room)", "folder": "\(folder)"])
        tellRecording(room: room)
    }

    /// Stops recording the room's stage, if it is: the room is told, and the files are made playable in the background.
    func stopRecording(room: RoomID) async {
        guard let take = state.withLock({ $0.takes.removeValue(forKey: room) }) else { return }
        if let janus {
            do {
                try await janus.record(room: room, into: nil, handle: try await controlHandle())
            } catch {
                // The publishers ending (or Janus going) closes the files too: what was written is kept.
                logger.warning("Janus did not confirm the end of a recording", metadata: ["room": "\(room)", "error": "\(error)"])
            }
        }
        tellRecording(room: room)
        recordingStopped(room: room, take: take)
    }

    /// The take's files are closed: made playable and stored as replays, without holding up the caller.
    func recordingStopped(room: RoomID, take: Take) {
        let ended = clock()
        Task { [self, recorder, database, logger] in
            let outputs = await recorder.convert(folder: take.folder)
            let feeds = outputs.map { output in
                let speaker = take.feeds[output.feedId]
                return RecordedFeed(speakerId: speaker?.user, speaker: speaker?.displayName ?? "", kind: speaker?.kind ?? "camera",
                                    file: output.file, mediaType: output.mediaType, bytes: output.bytes, startedAt: take.since, endedAt: ended)
            }
            // The room's pages are told when a recording gives no replay: its hosts see why, not silence.
            guard !feeds.isEmpty else {
                logger.warning("a stage recording held nothing playable", metadata: ["room": "\(room)", "folder": "\(take.folder)"])
                tellRecording(room: room, problem: "empty")
                return
            }
            do {
                try await database.addReplays(room: room, feeds: feeds, recordedBy: take.by, now: ended)
                logger.info("stage recording ready", metadata: ["room": "\(room)", "replays": "\(feeds.count)",
                                                               "bytes": "\(feeds.reduce(0) { $0 + $1.bytes })"])
            } catch {
                logger.error("a stage recording was not stored", metadata: ["room": "\(room)", "folder": "\(take.folder)", "error": "\(error)"])
                tellRecording(room: room, problem: "not_stored")
            }
        }
    }

    /// `stage.recording` on the room's topic (ephemeral: a page that enters reads it in the snapshot's stage).
    private func tellRecording(room: RoomID, problem: String? = nil) {
        guard let json = try? Outgoing.json(recording(room: room, problem: problem)) else { return }
        let topic = Topic.room(room).description
        ephemeral.publish(topic: topic, frame: Outgoing.event(topic: topic, seq: nil, type: .stageRecording, at: clock(), dataJSON: json))
    }
}
