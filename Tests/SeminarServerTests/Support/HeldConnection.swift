import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP connection to the loopback server that the test keeps open, for what happens to a connection over time
/// (time-outs, limits, an upload the server stops reading). Every blocking call runs off the cooperative pool and
/// has a bound, so a server that never answers fails the test instead of hanging it.
final class HeldConnection: @unchecked Sendable {
    private let fd: Int32
    private let open = Atomic<Bool>(true)

    private init(fd: Int32) { self.fd = fd }

    static func open(port: Int) async throws -> HeldConnection {
        try await offPool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw TestFailure("no socket") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else {
                Glibc.close(fd)
                throw TestFailure("could not connect")
            }
            return HeldConnection(fd: fd)
        }
    }

    /// Sends all of `bytes`, giving up (false) when the server has not taken them within `seconds` — it stopped reading.
    func send(_ bytes: [UInt8], seconds: Int = 20) async -> Bool {
        await Self.offPool { [fd] in
            var timeout = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if count <= 0 { return false }
                sent += count
            }
            return true
        }
    }

    func send(_ text: String, seconds: Int = 20) async -> Bool { await send(Array(text.utf8), seconds: seconds) }

    /// Reads until the server closes the connection or `seconds` pass: the bytes, and whether the server closed it.
    /// `until` ends the read early once the bytes so far satisfy it (an answer that came whole).
    func read(seconds: Int, until: @escaping @Sendable ([UInt8]) -> Bool = { _ in false }) async -> (bytes: [UInt8], closedByServer: Bool) {
        await Self.offPool { [fd] in
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let deadline = ContinuousClock.now + .seconds(seconds)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while ContinuousClock.now < deadline {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count == 0 { return (bytes, true) }
                if count < 0, errno == ECONNRESET { return (bytes, true) }
                if count > 0 {
                    bytes += buffer[0..<count]
                    if until(bytes) { return (bytes, false) }
                }
            }
            return (bytes, false)
        }
    }

    /// Reads one whole HTTP answer (head and `Content-Length` body), or what came within `seconds`.
    func readAnswer(seconds: Int = 20) async -> String {
        let (bytes, _) = await read(seconds: seconds) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound].lowercased()
            let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            return text[end.upperBound...].utf8.count >= length
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Closes the connection (once: the number may belong to another file right after).
    func close() {
        if open.exchange(false, ordering: .relaxed) { Glibc.close(fd) }
    }

    deinit { close() }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async { done.resume(with: Result { try work() }) }
        }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { done in
            DispatchQueue.global().async { done.resume(returning: work()) }
        }
    }
}
