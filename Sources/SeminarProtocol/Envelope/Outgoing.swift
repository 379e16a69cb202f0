import Foundation
import SeminarCore

/// The error object of a reply, an HTTP error body, or an `error` event.
public struct WireError: Codable, Sendable, Equatable {
    /// The error code: `unauthenticated`, `forbidden`, `not_found`, `invalid`, `conflict`, `rate_limited`, `too_large`, `unavailable` or `internal`.
    public let code: String
    /// A human-readable explanation (never internals).
    public let message: String
    /// The request field at fault; always sent, `null` when none.
    public let field: String?
    /// Milliseconds to wait before trying again (`rate_limited`, a mute, a check-in too early); left out otherwise.
    public let retryAfterMs: Int?
    /// A finer reason for some codes (`resync`, `locked`, `full`, `stage_down`…); left out otherwise.
    public let detail: String?

    /// The wire form of a domain error.
    public init(_ error: DomainError) {
        self.code = error.code.rawValue
        self.message = error.message
        self.field = error.field
        self.retryAfterMs = error.retryAfterMs
        self.detail = error.detail
    }

    /// Writes `field` even when it is null; leaves out `retryAfterMs` and `detail` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(field, forKey: .field)  // always present, null when none (PROTOCOL.md's example)
        try c.encodeIfPresent(retryAfterMs, forKey: .retryAfterMs)
        try c.encodeIfPresent(detail, forKey: .detail)
    }
}

private struct OkReply<Payload: Encodable>: Encodable {
    let re: Int64
    let ok = true
    let data: Payload
}

private struct ErrorReply: Encodable {
    let re: Int64
    let ok = false
    let error: WireError
}

private struct ErrorEvent: Encodable {
    let type = "error"
    let data: WireError
}

/// Encodes the frames the server sends.
public enum Outgoing {
    /// Encoders are cheap to make and not shared across threads.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A success reply frame: `{"re": id, "ok": true, "data": payload}`.
    public static func reply(to id: Int64, _ payload: some Encodable) throws -> String {
        String(decoding: try encoder().encode(OkReply(re: id, data: payload)), as: UTF8.self)
    }

    /// The reply to `ping`, written out: what `reply(to:_:)` makes of a ``PingReply``, without an encoder.
    public static func pingReply(to id: Int64, serverTime: Timestamp) -> String {
        #"{"re":\#(id),"ok":true,"data":{"serverTime":"\#(serverTime.iso8601)"}}"#
    }

    /// An error reply frame: `{"re": id, "ok": false, "error": {…}}`.
    public static func reply(to id: Int64, error: DomainError) -> String {
        // A WireError always encodes.
        (try? String(decoding: encoder().encode(ErrorReply(re: id, error: WireError(error))), as: UTF8.self))
            ?? #"{"re":\#(id),"ok":false,"error":{"code":"internal","message":"internal error","field":null}}"#
    }

    /// The `error` event for a frame that had no usable id.
    public static func errorEvent(_ error: DomainError) -> String {
        (try? String(decoding: encoder().encode(ErrorEvent(data: WireError(error))), as: UTF8.self))
            ?? #"{"type":"error","data":{"code":"invalid","message":"invalid frame","field":null}}"#
    }

    /// A pushed event. `data` is already JSON; topic and type names are plain ASCII and need no escaping.
    public static func event(topic: String, seq: Int64?, type: String, at: Timestamp, dataJSON: String) -> String {
        var frame = #"{"topic":""# + topic + "\""
        if let seq { frame += #","seq":"# + String(seq) }
        frame += #","type":""# + type + #"","at":""# + at.iso8601 + #"","data":"# + dataJSON + "}"
        return frame
    }

    /// A value as compact JSON text (an event's `data`).
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }
}
