import NIOCore

/// A text frame as a server puts it on the wire: the WebSocket header (FIN, text, unmasked length) then the payload,
/// in one buffer. An event is encoded once and the same bytes go to every subscriber whose socket has no extension
/// (permessage-deflate) rewriting its frames: one write of one buffer per socket, with no frame header made and no
/// handler walked per socket.
public struct WireFrame: Sendable {
    /// Header and payload.
    let wire: ByteBuffer
    let headerLength: Int

    public init(text payload: ByteBuffer) {
        let length = payload.readableBytes
        let headerLength = length <= 125 ? 2 : length <= Int(UInt16.max) ? 4 : 10
        var wire = ByteBuffer()
        wire.reserveCapacity(headerLength + length)
        wire.writeInteger(UInt8(0x81))  // FIN, opcode 1 (text)
        switch headerLength {
        case 2:
            wire.writeInteger(UInt8(length))
        case 4:
            wire.writeInteger(UInt8(126))
            wire.writeInteger(UInt16(length))
        default:
            wire.writeInteger(UInt8(127))
            wire.writeInteger(UInt64(length))
        }
        wire.writeImmutableBuffer(payload)
        self.wire = wire
        self.headerLength = headerLength
    }

    public init(text: String) {
        self.init(text: ByteBuffer(string: text))
    }

    private init(wire: ByteBuffer, headerLength: Int) {
        self.wire = wire
        self.headerLength = headerLength
    }

    /// The same bytes in a buffer of their own. Every write retains its buffer: two event loops writing the same
    /// buffer to their sockets would fight over one reference count, so each loop gets its own copy.
    func copied() -> WireFrame {
        var wire = ByteBuffer()
        wire.reserveCapacity(self.wire.readableBytes)
        wire.writeImmutableBuffer(self.wire)
        return WireFrame(wire: wire, headerLength: headerLength)
    }

    /// The payload alone, for a socket whose frames an extension rewrites.
    var payload: ByteBuffer {
        wire.getSlice(at: wire.readerIndex + headerLength, length: wire.readableBytes - headerLength)!
    }
}
