import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A raw TCP exchange with the loopback server, for what a WebSocket client library hides: sends `request` (all or
/// part of an HTTP upgrade), returns the first answer when `read` (to 5 s), and closes without a WebSocket close
/// frame. Runs off the cooperative thread pool: the calls block, and the server under test shares that pool.
enum RawConnection {
    static func exchange(port: Int, request: String, read: Bool = true) async -> String {
        await withCheckedContinuation { (done: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async { done.resume(returning: blocking(port: port, request: request, read: read)) }
        }
    }

    /// Sends `request`, then reads everything the server sends until it closes the connection or `seconds` pass;
    /// the bytes and whether the server closed it. Answers nothing (a client that has gone silent).
    static func listen(port: Int, request: String, seconds: Int) async -> (bytes: [UInt8], closedByServer: Bool) {
        await withCheckedContinuation { (done: CheckedContinuation<([UInt8], Bool), Never>) in
            DispatchQueue.global().async { done.resume(returning: blockingListen(port: port, request: request, seconds: seconds)) }
        }
    }

    private static func blockingListen(port: Int, request: String, seconds: Int) -> ([UInt8], Bool) {
        guard let fd = connected(port: port) else { return ([], false) }
        defer { close(fd) }
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let deadline = ContinuousClock.now + .seconds(seconds)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return (bytes, true) }
            if count > 0 { bytes += buffer[0..<count] }
        }
        return (bytes, false)
    }

    private static func connected(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func blocking(port: Int, request: String, read: Bool) -> String {
        guard let fd = connected(port: port) else { return "" }
        defer { close(fd) }
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        guard read else { return "" }
        // A bound, not a wait: the answer ends it. Generous, for a first run on two busy cores (a fresh clone's CI
        // once took more than 5 s to answer an upgrade while every suite ran at once).
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 2048)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }
}
