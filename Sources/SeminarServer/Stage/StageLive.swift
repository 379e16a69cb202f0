import Foundation
import Logging
import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore
import ServiceLifecycle
import Synchronization

/// The stage's live part: the feeds on Janus and who watches, by socket. Nothing of it is stored: after a restart
/// (or when the link to Janus drops, which ends Janus's session and its handles) the stage is empty and speakers go
/// live again; invitations are stored (``AppDatabase/inviteToStage(room:user:by:now:decide:)``).
///
/// A feed is listed in `stage.feeds` only once Janus says its media is up (`webrtcup`) and lists it as a publisher:
/// a page subscribing earlier would get error 428.
final class StageLive: Sendable {
    struct Feed: Sendable {
        let feedId: Int64
        let room: RoomID
        let user: UserID
        let displayName: String
        let kind: String
        let connection: UInt64
        let audioMid: String?
        var live = false
        var muted = false
    }

    struct Watch: Sendable {
        let room: RoomID
        let connection: UInt64
    }

    struct State {
        /// By publisher handle.
        var feeds: [Int64: Feed] = [:]
        /// By subscriber handle (the watch's id).
        var watches: [Int64: Watch] = [:]
        var control: Int64?
        var rooms: Set<RoomID> = []
        /// The stages being recorded, by room.
        var takes: [RoomID: Take] = [:]
    }

    /// Nil: no Janus configured, no stage.
    let janus: JanusVideoRoom?
    let maxSpeakers: Int
    /// Makes recordings playable (``StageLive/recordable``: only with `janus-pp-rec`).
    let recorder: StageRecorder
    let state = Mutex(State())
    let hub: Hub
    let ephemeral: Ephemeral
    let database: any ServerStore
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    init(settings: Settings, ephemeral: Ephemeral, database: any ServerStore, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        if let url = settings.janusURL, let secret = settings.janusApiSecret, let key = settings.janusAdminKey {
            janus = JanusVideoRoom(connection: JanusConnection(url: url, apiSecret: secret.reveal, logger: logger), adminKey: key.reveal,
                                   // A breakout group (up to 50 people) is a call with everyone's camera and screen.
                                   publishers: max(settings.stageMaxSpeakers * 2, 100))
        } else {
            janus = nil
        }
        maxSpeakers = settings.stageMaxSpeakers
        recorder = StageRecorder(dataDirectory: settings.dataDirectory, logger: logger)
        self.hub = ephemeral.hub
        self.ephemeral = ephemeral
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    var available: Bool { janus != nil }

    /// People with a feed in the room (live or coming up), and whether `user` is one of them.
    func speakers(room: RoomID, user: UserID) -> (count: Int, includes: Bool) {
        let people = state.withLock { Set($0.feeds.values.filter { $0.room == room }.map(\.user)) }
        return (people.count, people.contains(user))
    }

    /// The stage as the room's snapshot and `stage.feeds` show it.
    func view(room: RoomID) async throws -> StageView {
        let feeds = state.withLock { state in
            state.feeds.values.filter { $0.room == room && $0.live }.sorted { $0.feedId < $1.feedId }
                .map { StageFeedView(feedId: $0.feedId, userId: $0.user.rawValue, displayName: $0.displayName, kind: $0.kind, muted: $0.muted) }
        }
        let speakers = available ? try await database.stageSpeakers(room: room) : []
        return StageView(available: available, maxSpeakers: maxSpeakers, feeds: feeds,
                         speakers: speakers.map { StageSpeakerView(userId: $0.userId.rawValue, displayName: $0.displayName) },
                         recording: recording(room: room))
    }

    /// Tells the room what its stage holds now (ephemeral: a page that enters reads it in the snapshot).
    func announce(room: RoomID) async {
        do {
            let view = try await view(room: room)
            let topic = Topic.room(room).description
            let frame = Outgoing.event(topic: topic, seq: nil, type: .stageFeeds, at: clock(), dataJSON: try Outgoing.json(view))
            ephemeral.publish(topic: topic, frame: frame)
        } catch {
            logger.error("stage.feeds not sent", metadata: ["room": "\(room)", "error": "\(error)"])
        }
    }

    // MARK: publishing

    /// Joins the room's VideoRoom as a publisher with `offer`: Janus's answer and the feed id. The feed shows in
    /// `stage.feeds` once its media is up.
    func publish(room: RoomID, user: UserRecord, kind: String, offer: String, connection: UInt64) async throws -> (answer: String, feedId: Int64) {
        let janus = try requireJanus()
        let handle = try await attach(janus)
        do {
            try await ensureRoom(room)
            let (answer, feedId, audioMid) = try await janus.publish(room: room, handle: handle, display: "\(user.id.rawValue)", offer: offer)
            state.withLock {
                $0.feeds[handle] = Feed(feedId: feedId, room: room, user: user.id, displayName: user.displayName, kind: kind,
                                        connection: connection, audioMid: audioMid)
                // Janus records the room's new publishers too: the replay will name this one.
                $0.takes[room]?.feeds[feedId] = Take.Speaker(user: user.id, displayName: user.displayName, kind: kind)
            }
            return (answer, feedId)
        } catch {
            await janus.detach(handle)
            throw Self.refusal(error)
        }
    }

    /// Ends feeds of the room: of `user` (`feedId`: that one only), or every feed of `connection`. True when some ended.
    @discardableResult
    func unpublish(room: RoomID, user: UserID? = nil, feedId: Int64? = nil, connection: UInt64? = nil) async -> Bool {
        let handles = state.withLock { state -> [(handle: Int64, live: Bool)] in
            let ending = state.feeds.filter { _, feed in
                feed.room == room && (user.map { feed.user == $0 } ?? true) && (feedId.map { feed.feedId == $0 } ?? true)
                    && (connection.map { feed.connection == $0 } ?? true)
            }
            for handle in ending.keys { state.feeds[handle] = nil }
            return ending.map { ($0.key, $0.value.live) }
        }
        guard !handles.isEmpty else { return false }
        for (handle, _) in handles { await janus?.detach(handle) }
        if handles.contains(where: \.live) { await announce(room: room) }
        return true
    }

    /// The rooms ended (a room moved to ended, a breakout's groups sent back): every feed and watch in them ends at once
    /// on Janus, the VideoRoom rooms go, and each room is told (`stage.feeds`, empty) so that pages still on it stop
    /// sending and watching.
    func end(rooms: [RoomID]) async {
        guard let janus, !rooms.isEmpty else { return }
        // Recordings stop first: Janus closes their files while the publishers are still there.
        for room in rooms { await stopRecording(room: room) }
        let ending = Set(rooms)
        let (handles, made) = state.withLock { state -> ([Int64], [RoomID]) in
            let feeds = state.feeds.filter { ending.contains($0.value.room) }.map(\.key)
            let watches = state.watches.filter { ending.contains($0.value.room) }.map(\.key)
            for handle in feeds { state.feeds[handle] = nil }
            for handle in watches { state.watches[handle] = nil }
            let made = state.rooms.intersection(ending)
            state.rooms.subtract(ending)
            return (feeds + watches, Array(made))
        }
        await withTaskGroup(of: Void.self) { group in
            for handle in handles { group.addTask { await janus.detach(handle) } }
        }
        if !made.isEmpty, let control = try? await controlHandle() {
            for room in made { await janus.destroyRoom(room, handle: control) }
        }
        for room in rooms { await announce(room: room) }
    }

    /// Mutes or unmutes `user`'s microphone on the room's stage for everyone (each of their feeds with sound).
    func mute(room: RoomID, user: UserID, muted: Bool) async throws {
        let janus = try requireJanus()
        let feeds = state.withLock { state in state.feeds.filter { $0.value.room == room && $0.value.user == user } }
        guard !feeds.isEmpty else { throw DomainError(.notFound, "They have no feed on this stage", field: "userId") }
        do {
            let control = try await controlHandle()
            for feed in feeds.values {
                guard let mid = feed.audioMid else { continue }
                try await janus.moderate(room: room, feed: feed.feedId, mid: mid, mute: muted, handle: control)
            }
        } catch {
            throw Self.refusal(error)
        }
        state.withLock { state in for handle in feeds.keys { state.feeds[handle]?.muted = muted } }
        await announce(room: room)
    }

    // MARK: watching

    /// Subscribes `connection` to the room's live feeds (`feedIds`: those only), replacing its earlier watch of the
    /// room: Janus's offer, the watch's id, and which feed each media line carries.
    func watch(room: RoomID, feedIds: [Int64]?, connection: UInt64) async throws -> StageWatchReply {
        let janus = try requireJanus()
        let live = state.withLock { state in state.feeds.values.filter { $0.room == room && $0.live }.map(\.feedId) }
        let feeds = feedIds.map { wanted in live.filter(wanted.contains) } ?? live
        if let wanted = feedIds, let missing = wanted.first(where: { !live.contains($0) }) {
            throw DomainError(.notFound, "Feed \(missing) is not live on this stage", field: "feedIds")
        }
        guard !feeds.isEmpty else { throw DomainError(.conflict, "Nobody is live on the stage", field: "roomId", detail: "empty") }
        await unwatch(room: room, connection: connection)
        let handle = try await attach(janus)
        state.withLock { $0.watches[handle] = Watch(room: room, connection: connection) }
        do {
            let (offer, streams) = try await janus.subscribe(room: room, handle: handle, feeds: feeds)
            return StageWatchReply(sdp: offer, watchId: handle, streams: streams.compactMap { stream in
                guard let mid = stream.mid, let feed = stream.feedId else { return nil }
                return StageStreamView(mid: mid, feedId: feed, type: stream.type)
            })
        } catch {
            await unwatch(handle: handle)
            throw Self.refusal(error)
        }
    }

    /// Starts `connection`'s watch with the browser's answer.
    func answer(watchId: Int64, sdp: String, connection: UInt64) async throws {
        let janus = try requireJanus()
        guard state.withLock({ $0.watches[watchId]?.connection == connection }) else {
            throw DomainError(.notFound, "No such watch on this connection", field: "watchId")
        }
        do {
            try await janus.start(handle: watchId, answer: sdp)
        } catch {
            throw Self.refusal(error)
        }
    }

    /// Ends `connection`'s watch of the room, if any.
    func unwatch(room: RoomID, connection: UInt64) async {
        let handles = state.withLock { state in state.watches.filter { $0.value.room == room && $0.value.connection == connection }.map(\.key) }
        for handle in handles { await unwatch(handle: handle) }
    }

    private func unwatch(handle: Int64) async {
        state.withLock { _ = $0.watches.removeValue(forKey: handle) }
        await janus?.detach(handle)
    }

    /// The socket left the room (or closed): its feeds and watch there end.
    func leave(room: RoomID, connection: UInt64) async {
        guard available else { return }
        await unwatch(room: room, connection: connection)
        await unpublish(room: room, connection: connection)
    }

    // MARK: Janus's news

    /// Follows Janus's news until the link ends for good.
    func follow() async {
        guard let janus else { return }
        for await news in janus.connection.news {
            switch news {
            case .reset:
                let (rooms, takes) = state.withLock { state in
                    defer { state = State() }
                    return (Set(state.feeds.values.filter(\.live).map(\.room)), state.takes)
                }
                logger.warning("the link to Janus dropped: the stage is empty", metadata: ["rooms": "\(rooms.sorted())"])
                // Janus closed the recordings with their publishers: what was recorded is kept.
                for (room, take) in takes { recordingStopped(room: room, take: take) }
                for room in rooms { await announce(room: room) }
            case .handle(let reply):
                guard let handle = reply.sender else { continue }
                switch reply.janus {
                case "webrtcup": await mediaUp(handle: handle)
                case "hangup", "detached": await mediaDown(handle: handle)
                default: break
                }
            }
        }
    }

    /// A publisher's media is up: once Janus lists it as publishing, the room is told.
    private func mediaUp(handle: Int64) async {
        guard let janus, let feed = state.withLock({ $0.feeds[handle] }), !feed.live else { return }
        do {
            let control = try await controlHandle()
            guard try await janus.isPublishing(room: feed.room, feed: feed.feedId, handle: control) else {
                logger.warning("a feed came up that Janus does not list", metadata: ["feed": "\(feed.feedId)"])
                return
            }
        } catch {
            logger.error("the stage could not ask Janus for its publishers", metadata: ["error": "\(error)"])
            return
        }
        let changed = state.withLock { state -> Bool in
            guard state.feeds[handle] != nil else { return false }
            state.feeds[handle]?.live = true
            return true
        }
        if changed { await announce(room: feed.room) }
    }

    private func mediaDown(handle: Int64) async {
        let ended = state.withLock { state -> Feed? in
            state.watches[handle] = nil
            return state.feeds.removeValue(forKey: handle)
        }
        guard let ended else { return }
        await janus?.detach(handle)
        if ended.live { await announce(room: ended.room) }
    }

    // MARK: helpers

    func requireJanus() throws -> JanusVideoRoom {
        guard let janus else { throw StageRules.unavailable }
        return janus
    }

    private func attach(_ janus: JanusVideoRoom) async throws -> Int64 {
        do {
            return try await janus.attach()
        } catch {
            throw Self.refusal(error)
        }
    }

    func controlHandle() async throws -> Int64 {
        guard let janus = janus else { throw StageRules.unavailable }
        if let handle = state.withLock({ $0.control }) { return handle }
        let handle = try await janus.attach()
        state.withLock { $0.control = $0.control ?? handle }
        return state.withLock { $0.control ?? handle }
    }

    func ensureRoom(_ room: RoomID) async throws {
        guard let janus, !state.withLock({ $0.rooms.contains(room) }) else { return }
        try await janus.ensureRoom(room, handle: try await controlHandle())
        state.withLock { _ = $0.rooms.insert(room) }
    }

    /// Janus's refusals as the page sees them: the stage is down, or the media was not accepted.
    private static func refusal(_ error: any Error) -> any Error {
        guard let failure = error as? JanusFailure else { return error }
        if failure.code == 0 { return DomainError(.unavailable, "The stage is not reachable right now: try again in a moment", detail: "stage_down") }
        return DomainError(.invalid, "The stage refused this: \(failure.reason)", field: "sdp")
    }
}

/// Runs the link to Janus and follows its news, while the server runs.
struct StageService: Service {
    let stage: StageLive

    func run() async throws {
        guard let janus = stage.janus else { return }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await janus.connection.run() }
                group.addTask { await self.stage.follow() }
            }
        }
    }
}
