import Foundation
import SeminarCore
import Testing

@Suite("WebSocket compression")
struct CompressionTests {
    /// The upgrade answer's headers for a request that offers permessage-deflate (a raw request, to read them).
    static func upgradeAnswer(port: Int) async -> String {
        let request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n"
        return await RawConnection.exchange(port: port, request: request)
    }

    @Test("permessage-deflate is agreed only when webSocketCompression is on, and messages flow compressed")
    func deflate() async throws {
        let off = try await TestServer.start()
        #expect(await !Self.upgradeAnswer(port: off.port).lowercased().contains("permessage-deflate"))
        await off.stop()

        let server = try await TestServer.start { $0.webSocketCompression = true }
        let answer = await Self.upgradeAnswer(port: server.port)
        #expect(answer.hasPrefix("HTTP/1.1 101") && answer.lowercased().contains("sec-websocket-extensions: permessage-deflate"), "\(answer)")
        try await ProgramTests.load(server)
        let (host, hostUser, token) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        _ = try await host.request("room.open", ["roomId": 1])
        let socket = try await TestSocket.connect(server.ws, deflate: true)
        #expect(try await socket.request("hello", ["token": token]).ok)
        #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
        // A socket without the extension in the same room: it gets the frame encoded once for all, the other its own.
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        let long = String(repeating: "La coopération décentralisée, ", count: 60)
        #expect(try await socket.request("chat.send", ["roomId": 1, "text": long]).ok)
        for reader in [socket, host] {
            let message = try await event(reader, "chat.message", topic: "room:1")
            #expect(message.data["text"] as? String == long.trimmingCharacters(in: .whitespaces))  // chat text is trimmed
        }
        await socket.close()
        await host.close()
        await server.stop()
    }
}
