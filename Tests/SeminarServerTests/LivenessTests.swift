import Foundation
import Testing

@Suite("liveness: the server's pings")
struct LivenessTests {
    /// The frames a server sent (unmasked, short payloads): opcode and payload.
    static func frames(_ bytes: [UInt8]) -> [(opcode: UInt8, payload: [UInt8])] {
        var frames: [(UInt8, [UInt8])] = []
        var index = 0
        while index + 2 <= bytes.count {
            let opcode = bytes[index] & 0x0F, length = Int(bytes[index + 1] & 0x7F)
            guard length < 126, index + 2 + length <= bytes.count else { break }
            frames.append((opcode, Array(bytes[(index + 2)..<(index + 2 + length)])))
            index += 2 + length
        }
        return frames
    }

    // That a client answering the pings stays is what every longer test shows: their sockets live through many
    // 20-second periods (the fuzzer's bystanders for minutes) while swift-websocket's client answers.
    @Test("a client that stops answering pings is pinged, then closed with 1001 \"Ping timeout\"")
    func silentClientIsClosed() async throws {
        let server = try await TestServer.start { $0.pingIntervalSeconds = 1 }

        let request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        let (bytes, closed) = await RawConnection.listen(port: server.port, request: request, seconds: 30)
        #expect(closed, "the server kept a silent client for 30 s")
        let end = try #require(bytes.indices.dropLast(3).first { bytes[$0...].starts(with: Array("\r\n\r\n".utf8)) })
        #expect(String(decoding: bytes[..<end], as: UTF8.self).hasPrefix("HTTP/1.1 101"))
        let frames = Self.frames(Array(bytes[(end + 4)...]))
        #expect(frames.first?.opcode == 0x9 && frames.first?.payload.count == 16, "a ping with 16 bytes of data first")
        let close = try #require(frames.last)
        #expect(close.opcode == 0x8)
        #expect(close.payload.count >= 2 && Int(close.payload[0]) << 8 | Int(close.payload[1]) == 1001)
        #expect(String(decoding: close.payload.dropFirst(2), as: UTF8.self) == "Ping timeout")
        await server.stop()
    }
}
