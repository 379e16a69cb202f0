import Foundation
import Testing

@Suite("protocol limits")
struct LimitTests {
    @Test("unknown type and bad frames get invalid; the connection stays open")
    func badFrames() async throws {
        let server = try await TestServer.start()
        let (socket, _, _) = try await server.signedInSocket()
        let unknown = try await socket.request("teleport")
        #expect(unknown.errorCode == "invalid" && unknown.error["field"] as? String == "type")
        try await socket.send("{not json")
        let error = try await socket.nextEvent()
        #expect(error.type == "error" && (error.data["code"] as? String) == "invalid")
        try await socket.send(#"{"type":"ping"}"#)
        let noID = try await socket.nextEvent()
        #expect(noID.type == "error")
        try await socket.send(#"[1,2,3]"#)
        #expect(try await socket.nextEvent().type == "error")
        // Numbers no id can be are invalid, naming their field.
        for value in ["1e308", "9223372036854775808"] {
            try await socket.send(#"{"id":77,"type":"room.enter","data":{"roomId":\#(value)}}"#)
            var reply = try await socket.nextEvent()
            while (reply.re ?? 0) != 77 { reply = try await socket.nextEvent() }
            #expect(reply.errorCode == "invalid" && reply.error["field"] as? String == "roomId", "\(value)")
        }
        #expect(try await socket.request("ping").ok)
        await server.stop()
    }

    @Test("a frame over the limit closes with 1009")
    func oversize() async throws {
        let server = try await TestServer.start { $0.frameLimit = 4_096 }
        let (socket, _, _) = try await server.signedInSocket()
        try await socket.send(#"{"id":1,"type":"ping","data":{"pad":""# + String(repeating: "x", count: 5_000) + #""}}"#)
        let close = try await withDeadline(10, "close") { try await socket.waitClosed() }
        #expect(close?.closeCode == .messageTooLarge)
        await server.stop()
    }

    @Test("an upgrade from a foreign Origin is refused with 403")
    func foreignOrigin() async throws {
        let server = try await TestServer.start()
        let upgrade = [
            "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        ]
        var foreign = upgrade
        foreign["Origin"] = "http://evil.example"
        let refused = try await HTTP.send("GET", server.http + "/ws", headers: foreign)
        #expect(refused.status == 403)
        await server.stop()
    }

    @Test("creating messages are rate limited with retryAfterMs")
    func rateLimit() async throws {
        let server = try await TestServer.start {
            $0.messageRate = 0.05  // one every 20 s: a loaded machine cannot refill the bucket between two sends
            $0.messageBurst = 3
        }
        let (organiser, _, _) = try await server.signedInSocket("O", role: .organiser)
        var codes: [String] = []
        for n in 0..<6 {
            let reply = try await organiser.request("announce", ["text": "n\(n)"])
            codes.append(reply.ok ? "ok" : reply.errorCode ?? "?")
            if !reply.ok { #expect((reply.error["retryAfterMs"] as? Int64 ?? 0) > 0) }
        }
        #expect(codes.prefix(3).allSatisfy { $0 == "ok" })
        #expect(codes.contains("rate_limited"))
        #expect(try await organiser.request("ping").ok)  // non-creating requests are not limited
        await server.stop()
    }

    @Test("one address may hold connectionsPerAddress sockets; the next gets 429, and a closed one frees its place")
    func perAddress() async throws {
        let server = try await TestServer.start { $0.connectionsPerAddress = 3 }
        var sockets: [TestSocket] = []
        for _ in 0..<3 { sockets.append(try await TestSocket.connect(server.ws)) }
        await #expect(throws: (any Error).self) { _ = try await TestSocket.connect(server.ws) }
        await sockets.removeLast().close()
        // The place comes back once the server has seen the close.
        var again: TestSocket?
        for _ in 0..<50 where again == nil {
            again = try? await TestSocket.connect(server.ws)
            if again == nil { _ = try await sockets[0].request("ping") }
        }
        #expect(again != nil)
        await server.stop()
    }
}
