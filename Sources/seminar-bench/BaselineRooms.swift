import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Synchronization

/// The baseline server's rooms, in memory: members, the last seq, and the latest events for `since`.
/// Each event is encoded once and the same ByteBuffer is written to every member's channel, as the app's hub does.
final class BaselineRooms: Sendable {
    /// Events kept per room for resuming (`room.enter {since}`).
    static let retained = 10_000

    private struct Room {
        var members: [ObjectIdentifier: any Channel] = [:]
        var seq = 0
        var log: [(seq: Int, frame: ByteBuffer)] = []
    }

    private let rooms = Mutex<[Int: Room]>([:])
    private let messageIDs = Atomic<Int>(0)

    /// Adds a member and queues, in order, its reply (built from the room's seq) and the events after `since`.
    /// Nil when `since` is older than what is retained or newer than the room's seq (the client must resync).
    func enter(_ roomID: Int, channel: any Channel, since: Int?, reply: (_ seq: Int, _ present: Int) -> ByteBuffer) -> Bool {
        rooms.withLock { rooms in
            // In place (`&rooms[…]`): a copy of the room would copy its members and its log.
            Self.enter(&rooms[roomID, default: Room()], channel: channel, since: since, reply: reply)
        }
    }

    private static func enter(_ room: inout Room, channel: any Channel, since: Int?, reply: (Int, Int) -> ByteBuffer) -> Bool {
        if let since, since > room.seq || since < (room.log.first?.seq ?? room.seq + 1) - 1 { return false }
        room.members[ObjectIdentifier(channel)] = channel
        channel.write(text(reply(room.seq, room.members.count)), promise: nil)
        if let since {
            for event in room.log where event.seq > since { channel.write(text(event.frame), promise: nil) }
        }
        channel.flush()
        return true
    }

    func leave(_ roomID: Int, channel: any Channel) {
        rooms.withLock { _ = $0[roomID]?.members.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Appends a chat message to the room and sends it to every member; its id and seq. The order of the seqs is
    /// the order of the writes on every channel.
    func chat(_ roomID: Int, text: String, replyTo: Int?, author: Int) throws -> (id: Int, seq: Int) {
        let id = messageIDs.add(1, ordering: .relaxed).newValue
        let at = Date.now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let message = ChatMessage(id: id, roomId: roomID, author: .init(id: author, displayName: "Person \(author)"), text: text,
                                  replyTo: replyTo, at: at)
        let data = String(decoding: try Self.encoder().encode(message), as: UTF8.self)
        return rooms.withLock { rooms in (id, Self.publish(&rooms[roomID, default: Room()], roomID: roomID, at: at, data: data)) }
    }

    private static func publish(_ room: inout Room, roomID: Int, at: String, data: String) -> Int {
        room.seq += 1
        let frame = ByteBuffer(string: #"{"topic":"room:\#(roomID)","seq":\#(room.seq),"type":"chat.message","at":"\#(at)","data":\#(data)}"#)
        room.log.append((room.seq, frame))
        if room.log.count >= retained + 1_000 { room.log.removeFirst(1_000) }
        for member in room.members.values { member.writeAndFlush(text(frame), promise: nil) }
        return room.seq
    }

    static func text(_ buffer: ByteBuffer) -> WebSocketFrame { WebSocketFrame(fin: true, opcode: .text, data: buffer) }

    /// As the app's `Outgoing.encoder()`: cheap to make, not shared across threads.
    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// The app's ChatMessageView, field for field.
    struct ChatMessage: Encodable {
        struct Author: Encodable {
            let id: Int
            let displayName: String
        }
        let id: Int
        let roomId: Int
        let author: Author
        let text: String
        let replyTo: Int?
        let at: String
    }
}

/// One socket of the baseline server: decode, answer, broadcast. No sign-in checks, no permissions, no limits.
struct BaselineSocket {
    let rooms: BaselineRooms
    let channel: any Channel

    struct Request: Decodable {
        struct Payload: Decodable {
            let token: String?
            let roomId: Int?
            let since: Int?
            let topic: String?
            let text: String?
            let replyTo: Int?
        }
        let id: Int?
        let type: String?
        let data: Payload?
    }

    func run(_ inbound: WebSocketInboundStream) async throws {
        var user = 0
        var entered = Set<Int>()
        defer { for room in entered { rooms.leave(room, channel: channel) } }
        let decoder = JSONDecoder()
        for try await message in inbound.messages(maxSize: 1 << 16) {
            guard case .text(let text) = message else { continue }
            guard let request = try? decoder.decode(Request.self, from: Data(text.utf8)), let id = request.id, let type = request.type else {
                send(#"{"type":"error","data":{"code":"invalid","message":"A request needs an integer id and a type","field":"id"}}"#)
                continue
            }
            let data = request.data
            switch type {
            case "hello":
                user = data?.token.flatMap { Int($0.dropFirst(5)) } ?? 0
                send(#"{"re":\#(id),"ok":true,"data":{"user":{"id":\#(user),"displayName":"Person \#(user)","role":"participant"},"roles":["participant"],"serverTime":"\#(Self.now())","locale":"en"}}"#)
            case "ping":
                send(#"{"re":\#(id),"ok":true,"data":{"serverTime":"\#(Self.now())"}}"#)
            case "guide.now":
                send(#"{"re":\#(id),"ok":true,"data":{"now":[{"id":1,"roomId":1,"title":"Baseline","state":"live"}],"next":[]}}"#)
            case "subscribe", "room.enter":
                let topic = type == "room.enter" ? data?.roomId.map { "room:\($0)" } : data?.topic
                guard let topic else { send(Self.invalid(id, field: type == "room.enter" ? "roomId" : "topic")); continue }
                guard topic.hasPrefix("room:"), let room = Int(topic.dropFirst(5)) else {
                    send(#"{"re":\#(id),"ok":true,"data":{"topic":"\#(topic)","seq":0,"snapshot":{}}}"#)
                    continue
                }
                let accepted = rooms.enter(room, channel: channel, since: data?.since) { seq, present in
                    ByteBuffer(string: #"{"re":\#(id),"ok":true,"data":{"topic":"\#(topic)","seq":\#(seq),"snapshot":{"chat":[],"present":\#(present)}}}"#)
                }
                if accepted {
                    entered.insert(room)
                } else {
                    send(#"{"re":\#(id),"ok":false,"error":{"code":"conflict","message":"Subscribe again without since","field":"since","detail":"resync"}}"#)
                }
            case "unsubscribe":
                if let room = data?.topic.flatMap({ $0.hasPrefix("room:") ? Int($0.dropFirst(5)) : nil }) {
                    rooms.leave(room, channel: channel)
                    entered.remove(room)
                }
                send(#"{"re":\#(id),"ok":true,"data":{}}"#)
            case "chat.send":
                guard let room = data?.roomId else { send(Self.invalid(id, field: "roomId")); continue }
                guard let text = data?.text, !text.isEmpty else { send(Self.invalid(id, field: "text")); continue }
                let sent = try rooms.chat(room, text: text, replyTo: data?.replyTo, author: user)
                send(#"{"re":\#(id),"ok":true,"data":{"messageId":\#(sent.id),"seq":\#(sent.seq)}}"#)
            default:
                send(#"{"re":\#(id),"ok":false,"error":{"code":"invalid","message":"Not in the baseline server","field":"type"}}"#)
            }
        }
    }

    private func send(_ text: String) {
        channel.writeAndFlush(BaselineRooms.text(ByteBuffer(string: text)), promise: nil)
    }

    private static func invalid(_ id: Int, field: String) -> String {
        #"{"re":\#(id),"ok":false,"error":{"code":"invalid","message":"Missing \#(field)","field":"\#(field)"}}"#
    }

    private static func now() -> String { Date.now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}
