import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import SeminarRealtime
import Testing

@Suite("frames encoded once for every socket")
struct WireFrameTests {
    @Test("NIO's WebSocket decoder reads the bytes as one whole unmasked text frame, at each length encoding",
          arguments: [0, 1, 125, 126, 1_000, 65_535, 65_536, 70_000])
    func decodes(length: Int) throws {
        let payload = ByteBuffer(bytes: (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) })
        let frame = WireFrame(text: payload)
        #expect(frame.headerLength == (length <= 125 ? 2 : length <= 65_535 ? 4 : 10))
        #expect(frame.wire.readableBytes == frame.headerLength + length)
        #expect(frame.payload == payload)

        let channel = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
        try channel.writeInbound(frame.wire)
        let decoded = try #require(try channel.readInbound(as: WebSocketFrame.self))
        #expect(decoded.fin && decoded.opcode == .text && decoded.maskKey == nil)
        #expect(decoded.data == payload)
        #expect(try channel.readInbound(as: WebSocketFrame.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test("the bytes are the payload's: text is sent as UTF-8, untouched")
    func text() {
        let frame = WireFrame(text: #"{"type":"chat.message","data":{"text":"Coopération — ¿sí?"}}"#)
        #expect(String(buffer: frame.payload) == #"{"type":"chat.message","data":{"text":"Coopération — ¿sí?"}}"#)
        #expect(frame.wire.getInteger(at: 0, as: UInt8.self) == 0x81)
    }
}
