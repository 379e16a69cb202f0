/// A request to Janus's API (`janus`: create, attach, message, keepalive, detach, destroy), snake_cased on the wire.
struct JanusRequest: Encodable, Sendable {
    var janus: String
    var transaction = ""
    var apisecret = ""
    var sessionId: Int64?
    var handleId: Int64?
    var plugin: String?
    var body: VideoRoomBody?
    var jsep: JanusJsep?
}

/// The body of a `message` to the VideoRoom plugin (only the fields a request uses are set).
struct VideoRoomBody: Encodable, Sendable {
    var request: String
    var room: Int64?
    var adminKey: String?
    var secret: String?
    var publishers: Int?
    var permanent: Bool?
    var notifyJoining: Bool?
    var ptype: String?
    var display: String?
    var streams: [FeedReference]?
    var id: Int64?
    var mid: String?
    var mute: Bool?
    var record: Bool?
    var lockRecord: Bool?
    var newRecDir: String?
    var newLockRecord: Bool?
}

struct FeedReference: Encodable, Sendable {
    let feed: Int64
}

/// A session description, as Janus and the browser exchange it (no trickle: candidates are in the SDP).
struct JanusJsep: Codable, Sendable {
    let type: String
    let sdp: String
}

/// Anything Janus sends: replies (`success`, `error`, `ack`), a plugin's asynchronous `event` (with the transaction
/// of the message it answers), and the handle's own news (`webrtcup`, `hangup`, `detached`, `media`, `slowlink`).
struct JanusReply: Decodable, Sendable {
    let janus: String
    let transaction: String?
    let sessionId: Int64?
    let sender: Int64?
    let data: CreatedID?
    let error: JanusErrorBody?
    let plugindata: PluginData?
    let jsep: JanusJsep?

    struct CreatedID: Decodable, Sendable {
        let id: Int64
    }

    struct JanusErrorBody: Decodable, Sendable {
        let code: Int
        let reason: String
    }

    struct PluginData: Decodable, Sendable {
        let plugin: String
        let data: VideoRoomData
    }

    /// The plugin's error, or Janus's own.
    var failure: JanusFailure? {
        if let error { return JanusFailure(code: error.code, reason: error.reason) }
        if let room = plugindata?.data, let code = room.errorCode { return JanusFailure(code: code, reason: room.error ?? "VideoRoom error") }
        return nil
    }
}

/// What the VideoRoom plugin answers (the fields the stage reads).
struct VideoRoomData: Decodable, Sendable {
    let videoroom: String?
    let room: Int64?
    let id: Int64?
    let errorCode: Int?
    let error: String?
    let participants: [Participant]?
    let streams: [Stream]?
    let started: String?

    struct Participant: Decodable, Sendable {
        let id: Int64
        let publisher: Bool?
    }

    struct Stream: Decodable, Sendable {
        let type: String
        let mid: String?
        let feedId: Int64?
        let active: Bool?
    }
}

/// A refusal from Janus or its plugin (e.g. 427 room exists, 428 no such feed), or the link to it being down.
struct JanusFailure: Error, Sendable, CustomStringConvertible {
    let code: Int
    let reason: String
    var description: String { "Janus error \(code): \(reason)" }

    static let roomExists = 427
    static let down = JanusFailure(code: 0, reason: "no connection to Janus")
    static let timedOut = JanusFailure(code: 0, reason: "Janus did not answer in time")
}
