import Foundation
import SeminarCore
import Testing

/// A seeded generator of hostile frames (the same seed gives the same frames, so a failure replays).
struct FrameFuzzer {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(state: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    static let types = MessageType.allCases.map(\.rawValue)
    static let fields = ["roomId", "sessionId", "userId", "id", "ticketId", "meetingId", "postId", "requestId", "messageId", "pollId",
                         "questionId", "topic", "since", "text", "token", "with", "to", "before", "limit", "query", "kind", "language",
                         "options", "choice", "locked", "minutes", "url", "page", "role", "slot", "at", "status", "interests"]
    static let numbers = ["0", "-1", "1", "2", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e308",
                          "-1e308", "1e999", "1.5", "-0", "123456789012345678901234567890", "4.9e-324", "0.0000001"]
    static let strings = [#""""#, #""x""#, #""\u0000""#, #""a\u0000b""#, #""\ud800""#, #""\udfff x""#, #""\ud83d""#,
                          #""room:1""#, #""user:1""#, #""desk""#, #""seminar""#, #""NEAR(a b)""#, #""\"*OR AND""#,
                          #""<script>alert(1)</script>""#, #""../../etc/passwd""#, #""😀😀😀""#, #""\n\r\t""#]

    /// Any JSON value, `depth` levels deep at most.
    mutating func value(depth: Int = 3) -> String {
        switch int(depth > 0 ? 8 : 5) {
        case 0: return pick(Self.numbers)
        case 1: return pick(Self.strings)
        case 2: return pick(["true", "false", "null"])
        case 3: return "\"" + String(repeating: pick(["a", "é", "\\u0000", "\\\\", "\\\""]), count: int(3000)) + "\""
        case 4: return String(int(Int.max) - Int.max / 2)
        case 5: return "[" + (0..<int(4)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
        default: return object(depth: depth - 1)
        }
    }

    mutating func object(depth: Int) -> String {
        "{" + (0..<int(5)).map { _ in "\"\(pick(Self.fields))\":\(value(depth: depth))" }.joined(separator: ",") + "}"
    }

    mutating func typeName() -> String {
        let type = pick(Self.types)
        switch int(10) {
        case 0: return type.uppercased()
        case 1: return type.prefix(1).uppercased() + type.dropFirst()
        case 2: return type + " "
        case 3: return "x." + type
        case 4: return String(type.reversed())
        default: return type
        }
    }

    /// One frame of the hostile mix. Every frame is well under the frame limit except the rare oversized one.
    mutating func frame(id: Int64) -> String {
        switch int(20) {
        case 0:  // random bytes, as text
            return String(decoding: (0..<int(200)).map { _ in UInt8(truncatingIfNeeded: next()) }, as: UTF8.self)
        case 1:  // valid JSON that is not an object
            return value(depth: 2)
        case 2:  // wrong types in the envelope
            return #"{"id":\#(pick(Self.strings)),"type":\#(pick(Self.numbers)),"data":\#(value(depth: 1))}"#
        case 3:  // huge, negative and fractional ids
            return #"{"id":\#(pick(Self.numbers)),"type":"\#(pick(Self.types))","data":{}}"#
        case 4:  // deep nesting
            let depth = pick([64, 512, 5_000, 20_000])
            let open = pick(["[", "{\"a\":"])
            let close = open == "[" ? "]" : "}"
            return #"{"id":\#(id),"type":"\#(pick(Self.types))","data":{"x":\#(String(repeating: open, count: depth))1\#(String(repeating: close, count: depth))}}"#
        case 5:  // unbalanced nesting, truncated JSON
            return String(#"{"id":\#(id),"type":"\#(pick(Self.types))","data":\#(object(depth: 2))}"#.prefix(int(60)))
        case 6:  // unknown and mis-cased types, a missing type, a missing id
            return pick([#"{"id":\#(id),"type":"\#(typeName())","data":{}}"#, #"{"id":\#(id),"data":{}}"#,
                         #"{"type":"\#(pick(Self.types))","data":{}}"#, #"{"id":\#(id),"type":null}"#])
        case 7:  // duplicate keys
            return #"{"id":\#(id),"id":"x","type":"\#(pick(Self.types))","type":"ping","data":{},"data":[]}"#
        default:  // every known type with missing, extra and wrongly typed fields
            let data = chance(10) ? value(depth: 2) : object(depth: 2)
            let key = chance(5) ? #","key":\#(value(depth: 0))"# : ""
            return #"{"id":\#(id),"type":"\#(typeName())","data":\#(data)\#(key)}"#
        }
    }
}

@Suite("protocol fuzzer")
struct FuzzTests {
    static func residentMiB() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
        return pages * 4096 / 1_048_576
    }

    @Test("100,000 hostile frames: every one answered, the server stays up, memory bounded, bystanders served")
    func hostileFrames() async throws {
        let server = try await TestServer.start { $0.messageRate = 1_000_000; $0.messageBurst = 1_000_000; $0.reactionRate = 100_000 }
        try await ProgramTests.load(server)
        // Bystanders: one chats in room 1, one listens; they must be served throughout.
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        _ = try await host.request("room.open", ["roomId": 1])
        _ = try await host.request("room.start", ["roomId": 1])
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        let (listener, _, _) = try await server.signedInSocket("Listener")
        #expect(try await listener.request("room.enter", ["roomId": 1]).ok)
        let roles: [Role] = [.participant, .participant, .host, .organiser]
        let perSocket = 25_000
        let before = Self.residentMiB()
        let (bystanderRounds, bystanderDone) = AsyncStream.makeStream(of: Int.self)
        let bystanders = Task {
            var round = 0
            for await _ in bystanderRounds {
                round += 1
                let text = "still here \(round)"
                let sent = try await host.request("chat.send", ["roomId": 1, "text": text])
                #expect(sent.ok, "\(sent.raw)")
                let heard = try await listener.events(1, topic: "room:1", timeout: 10)
                _ = heard
                #expect(try await listener.request("ping", timeout: 5).ok)
            }
            return round
        }
        try await withThrowingTaskGroup(of: (answered: Int, closedBySize: Int).self) { group in
            for (index, role) in roles.enumerated() {
                group.addTask {
                    var fuzzer = FrameFuzzer(seed: 0x5E31_4A2 &+ UInt64(index))
                    var (socket, _, token) = try await server.signedInSocket("Fuzz \(index)", role: role)
                    var answered = 0, closedBySize = 0
                    for n in 0..<perSocket {
                        let id = Int64(n + 1)
                        var frame = fuzzer.frame(id: id)
                        if n % 5_000 == 4_999 { frame = #"{"id":\#(id),"type":"chat.send","data":{"roomId":1,"text":""# + String(repeating: "x", count: 70_000) + "\"}}" }
                        try await socket.send(frame)
                        if frame.utf8.count > 65_536 {
                            // Over the frame limit: the connection is closed with 1009; come back and go on.
                            let closing = socket
                            let close = try await withDeadline(10, "close of an oversized frame") { try await closing.closed.value }
                            #expect(close?.closeCode == .messageTooLarge)
                            closedBySize += 1
                            socket = try await TestSocket.connect(server.ws)
                            #expect(try await socket.request("hello", ["token": token]).ok)
                            continue
                        }
                        let answer = try await socket.nextAnswer(timeout: 10)
                        #expect(answer.object["re"] != nil || answer.type == "error", "frame \(n) of socket \(index): \(frame.prefix(200))")
                        answered += 1
                        if index == 0, n % 2_500 == 0 { bystanderDone.yield(n) }
                    }
                    _ = token
                    await socket.close()
                    return (answered, closedBySize)
                }
            }
            var total = 0
            for try await result in group { total += result.answered + result.closedBySize }
            #expect(total == perSocket * roles.count)
        }
        bystanderDone.finish()
        let rounds = try await bystanders.value
        #expect(rounds >= 10)
        // Still serving, and memory did not run away (the test process holds server and clients).
        let (late, _, _) = try await server.signedInSocket("Late")
        #expect(try await late.request("program.get").ok)
        let after = Self.residentMiB()
        #expect(after - before < 300, "resident memory grew from \(before) MiB to \(after) MiB")
        await late.close()
        await listener.close()
        await host.close()
        await server.stop()
    }
}
