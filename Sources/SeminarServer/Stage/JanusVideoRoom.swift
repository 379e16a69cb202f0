import SeminarCore

/// The VideoRoom plugin's requests the stage makes, each on its own handle: one VideoRoom room per seminar room
/// (the same number), made with the `admin_key`; a publisher handle per feed; a subscriber handle per watch.
struct JanusVideoRoom: Sendable {
    let connection: JanusConnection
    let adminKey: String
    /// Publishers a room takes (each speaker may have a camera and a screen).
    let publishers: Int

    /// A new handle on the VideoRoom plugin.
    func attach() async throws -> Int64 {
        let reply = try await connection.call(JanusRequest(janus: "attach", plugin: "janus.plugin.videoroom"))
        guard let id = reply.data?.id else { throw JanusFailure(code: 0, reason: "attach gave no handle id") }
        return id
    }

    /// Ends a handle (its publisher or subscriber with it). A handle Janus no longer knows is gone already.
    func detach(_ handle: Int64) async {
        _ = try? await connection.call(JanusRequest(janus: "detach", handleId: handle))
    }

    /// Makes the room unless it exists (427).
    func ensureRoom(_ room: RoomID, handle: Int64) async throws {
        do {
            _ = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
                request: "create", room: room.rawValue, adminKey: adminKey, secret: adminKey, publishers: publishers, permanent: false,
                notifyJoining: false, lockRecord: true)))
        } catch let failure as JanusFailure where failure.code == JanusFailure.roomExists {
            return
        }
    }

    /// Destroys the room (its secret is the `admin_key`): Janus ends whatever is left in it. A room Janus no longer
    /// knows is gone already.
    func destroyRoom(_ room: RoomID, handle: Int64) async {
        _ = try? await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
            request: "destroy", room: room.rawValue, secret: adminKey)))
    }

    /// Joins the room as a publisher with the browser's offer: Janus's answer, the feed's id and its audio's media line.
    func publish(room: RoomID, handle: Int64, display: String, offer: String) async throws -> (answer: String, feedId: Int64, audioMid: String?) {
        let reply = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
            request: "joinandconfigure", room: room.rawValue, ptype: "publisher", display: display), jsep: JanusJsep(type: "offer", sdp: offer)),
            untilEvent: true)
        guard let answer = reply.jsep, answer.type == "answer", let feedId = reply.plugindata?.data.id else {
            throw JanusFailure(code: 0, reason: "joinandconfigure gave no answer")
        }
        return (answer.sdp, feedId, reply.plugindata?.data.streams?.first { $0.type == "audio" }?.mid)
    }

    /// Mutes (or unmutes) a publisher's media line for every subscriber (`moderate`, with the room's secret).
    func moderate(room: RoomID, feed: Int64, mid: String, mute: Bool, handle: Int64) async throws {
        _ = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
            request: "moderate", room: room.rawValue, secret: adminKey, id: feed, mid: mid, mute: mute)))
    }

    /// Records every publisher of the room, those who go live later too, into `folder` (`edit` points the room's
    /// `rec_dir` there; `enable_recording` starts), or stops (`folder` nil): Janus closes the `.mjr` files before it
    /// answers. Both with the room's secret (rooms are made with `lock_record`: a publisher cannot change it).
    func record(room: RoomID, into folder: String?, handle: Int64) async throws {
        if let folder {
            _ = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
                request: "edit", room: room.rawValue, secret: adminKey, newRecDir: folder, newLockRecord: true)))
        }
        _ = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
            request: "enable_recording", room: room.rawValue, secret: adminKey, record: folder != nil)))
    }

    /// Whether Janus lists `feed` as a publisher in the room (a subscription made before that fails with 428).
    func isPublishing(room: RoomID, feed: Int64, handle: Int64) async throws -> Bool {
        let reply = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(request: "listparticipants", room: room.rawValue)))
        return reply.plugindata?.data.participants?.contains { $0.id == feed && $0.publisher == true } == true
    }

    /// Joins as a subscriber of `feeds` (one media line per track): Janus's offer and which feed each line carries.
    func subscribe(room: RoomID, handle: Int64, feeds: [Int64]) async throws -> (offer: String, streams: [VideoRoomData.Stream]) {
        let reply = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(
            request: "join", room: room.rawValue, ptype: "subscriber", streams: feeds.map(FeedReference.init(feed:)))), untilEvent: true)
        guard let offer = reply.jsep, offer.type == "offer" else { throw JanusFailure(code: 0, reason: "join gave no offer") }
        return (offer.sdp, reply.plugindata?.data.streams ?? [])
    }

    /// Starts a subscription with the browser's answer.
    func start(handle: Int64, answer: String) async throws {
        _ = try await connection.call(JanusRequest(janus: "message", handleId: handle, body: VideoRoomBody(request: "start"),
                                                   jsep: JanusJsep(type: "answer", sdp: answer)), untilEvent: true)
    }
}
