import NIOCore
import NIOWebSocket

/// A client's frames encoded straight into one buffer: header, masking key, masked payload (RFC 6455 §5.3: a client
/// masks every frame). `flood`'s people write these below NIO's WebSocket encoder: one buffer and one `write` per
/// frame instead of a frame object, the encoder's masking pass and a header and a payload written with `writev`.
enum ClientFrames {
    static func text(_ text: String, key: UInt32, allocator: ByteBufferAllocator) -> ByteBuffer {
        var text = text
        return text.withUTF8 { frame(.text, payload: UnsafeRawBufferPointer($0), key: key, allocator: allocator) }
    }

    /// A pong echoing a ping's payload.
    static func pong(_ payload: ByteBuffer, key: UInt32, allocator: ByteBufferAllocator) -> ByteBuffer {
        payload.withUnsafeReadableBytes { frame(.pong, payload: $0, key: key, allocator: allocator) }
    }

    static func frame(_ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, key: UInt32,
                      allocator: ByteBufferAllocator) -> ByteBuffer {
        let length = payload.count
        var buffer = allocator.buffer(capacity: length + 14)
        buffer.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))  // FIN
        if length <= 125 {
            buffer.writeInteger(0x80 | UInt8(length))  // the mask bit, then the length
        } else if length <= Int(UInt16.max) {
            buffer.writeInteger(UInt8(0x80 | 126))
            buffer.writeInteger(UInt16(length))
        } else {
            buffer.writeInteger(UInt8(0x80 | 127))
            buffer.writeInteger(UInt64(length))
        }
        buffer.writeInteger(key)
        let mask = [UInt8(truncatingIfNeeded: key >> 24), UInt8(truncatingIfNeeded: key >> 16),
                    UInt8(truncatingIfNeeded: key >> 8), UInt8(truncatingIfNeeded: key)]
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { out in
            for index in 0..<length { out[index] = payload[index] ^ mask[index & 3] }
            return length
        }
        return buffer
    }
}
