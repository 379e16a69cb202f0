import NIOCore

/// What the failover and hot-room people read of a server frame, from its bytes: the server writes an event as
/// `{"topic":"…","seq":N,"type":"…",…` and a reply as `{"re":N,"ok":…` (SeminarProtocol's `Outgoing`), so neither needs a
/// JSON parse — thousands of people each reading every message of a room.
struct EventFrames: Sendable {
    /// `{"topic":"<topic>","seq":`: only the events of this topic are read.
    private let head: [UInt8]

    init(topic: String) { head = Array(#"{"topic":""#.utf8) + Array(topic.utf8) + Array(#"","seq":"#.utf8) }

    /// A logged event of the topic: its seq and whether it is a `chat.message`; nil for a reply, an ephemeral event
    /// (no seq), another topic's event or anything else.
    func sequenced(_ frame: ByteBuffer) -> (seq: Int, chat: Bool)? {
        frame.withUnsafeReadableBytes { sequenced($0) }
    }

    func sequenced<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> (seq: Int, chat: Bool)? where Bytes.Index == Int {
        guard bytes.starts(with: head) else { return nil }
        let start = bytes.startIndex + head.count
        var index = start, seq = 0
        while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index < start + 18 {
            seq = seq * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > start else { return nil }
        return (seq, bytes[index...].starts(with: Self.chatType))
    }

    /// Whether a frame is an event rather than a reply: an event's first key is its `topic` (or, for an `error` event,
    /// its `type`); a reply's keys are `re`, `ok`, `data` and `error`, in the encoder's order.
    static func isEvent(_ frame: ByteBuffer) -> Bool {
        frame.getInteger(at: frame.readerIndex + 2, as: UInt8.self) == UInt8(ascii: "t")
    }

    private static let chatType = Array(#","type":"chat.message""#.utf8)
}
