#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The send time a scenario puts at the start of a chat message's text (`bench <ms> …`, `cap <ms> s<sender> …`),
/// read straight from the frame's bytes: the load generator shares the machine with the server, and a JSON parse of
/// every one of tens of thousands of deliveries a second would make it, not the server, the bottleneck.
enum TimedText {
    /// What to look for: `"text":"<prefix>`.
    static func marker(_ prefix: String) -> [UInt8] { Array(#""text":""#.utf8) + Array(prefix.utf8) }

    /// The milliseconds after `marker` in `frame`, and the sender when ` s<digits>` follows them.
    static func sentAt(_ frame: String, marker: [UInt8]) -> (ms: Double, sender: Int?)? {
        var frame = frame
        return frame.withUTF8 { sentAt($0, marker: marker) }
    }

    /// The same, from a frame's bytes.
    static func sentAt(_ frame: ByteBuffer, marker: [UInt8]) -> (ms: Double, sender: Int?)? {
        frame.withUnsafeReadableBytes { sentAt($0.bindMemory(to: UInt8.self), marker: marker) }
    }

    private static func sentAt(_ bytes: UnsafeBufferPointer<UInt8>, marker: [UInt8]) -> (ms: Double, sender: Int?)? {
        guard bytes.count > marker.count, let base = bytes.baseAddress else { return nil }
        // The C library's `memchr` (vectorised) finds the candidates by the marker's `x` (`"text":"`), rare in a frame;
        // a byte-by-byte search from the first `"` was a tenth of the generator's own time.
        let pivot = marker.count > 3 ? 3 : 0
        var from = pivot
        while from < bytes.count {
            guard let hit = memchr(base + from, Int32(marker[pivot]), bytes.count - from) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - pivot
            if at + marker.count <= bytes.count, memcmp(base + at, marker, marker.count) == 0 {
                return number(bytes, from: at + marker.count)
            }
            from = at + pivot + 1
        }
        return nil
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Double, Int?)? {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        var k = start
        var whole = 0.0, fraction = 0.0, scale = 1.0, inFraction = false
        while k < bytes.count {
            let byte = bytes[k]
            if byte == UInt8(ascii: "."), !inFraction {
                inFraction = true
            } else if digits.contains(byte) {
                if inFraction {
                    scale /= 10
                    fraction += Double(byte - UInt8(ascii: "0")) * scale
                } else {
                    whole = whole * 10 + Double(byte - UInt8(ascii: "0"))
                }
            } else {
                break
            }
            k += 1
        }
        guard k > start else { return nil }
        guard k + 2 < bytes.count, bytes[k] == UInt8(ascii: " "), bytes[k + 1] == UInt8(ascii: "s"), digits.contains(bytes[k + 2]) else {
            return (whole + fraction, nil)
        }
        k += 2
        var sender = 0
        while k < bytes.count, digits.contains(bytes[k]) {
            sender = sender * 10 + Int(bytes[k] - UInt8(ascii: "0"))
            k += 1
        }
        return (whole + fraction, sender)
    }
}
