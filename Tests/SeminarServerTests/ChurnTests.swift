import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A client that opens and closes sockets by the thousand — cleanly, abruptly after the upgrade, halfway through
/// the handshake — must leave nothing behind: no connection, no place taken in the per-address limit.
@Suite("socket churn")
struct ChurnTests {
    /// A raw TCP connection to the server that sends `request` (all or part of an upgrade), reads what comes back
    /// if asked, and closes without a WebSocket close frame.
    /// Off the cooperative thread pool: the calls block, and the server under test shares that pool.
    static func rawDrop(port: Int, request: String, read: Bool) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                blockingDrop(port: port, request: request, read: read)
                done.resume()
            }
        }
    }

    /// Sends `request` on a new connection and returns what the server answered first (blocking: call it off the
    /// cooperative pool).
    static func exchange(port: Int, request: String) -> String {
        var answer = ""
        connectAndSend(port: port, request: request) { fd in
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 2048)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { answer = String(decoding: buffer[0..<count], as: UTF8.self) }
        }
        return answer
    }

    static func blockingDrop(port: Int, request: String, read: Bool) {
        connectAndSend(port: port, request: request) { fd in
            guard read else { return }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 512)
            _ = recv(fd, &buffer, buffer.count, 0)
        }
    }

    /// A raw TCP connection to the loopback server: `request` is sent, `then` runs, and the socket is closed without
    /// a WebSocket close frame.
    static func connectAndSend(port: Int, request: String, then: (Int32) -> Void) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return }
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        then(fd)
    }

    @Test("3,000 sockets opened and closed every way leave no connection and no limit place behind")
    func churn() async throws {
        let limit = 60
        let server = try await TestServer.start { $0.connectionsPerAddress = limit }
        let (bystander, _, _) = try await server.signedInSocket("Bystander")
        let token = try await server.makeUser("Churner").token
        let port = server.port
        let upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        var opened = 0
        for round in 0..<60 {
            // 50 at a time (under the limit of 60 with the bystander), each one of five ways.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        switch (round + i) % 5 {
                        case 0:  // a clean WebSocket close after hello
                            let socket = try await TestSocket.connect(server.ws)
                            _ = try await socket.request("hello", ["token": token])
                            await socket.close()
                        case 1:  // a clean close without saying anything
                            await (try await TestSocket.connect(server.ws)).close()
                        case 2:  // upgraded, then the TCP connection simply goes away
                            await Self.rawDrop(port: port, request: upgrade, read: true)
                        case 3:  // gone halfway through the handshake
                            await Self.rawDrop(port: port, request: String(upgrade.prefix(40)), read: false)
                        default:  // an upgrade sent, gone before the answer is read
                            await Self.rawDrop(port: port, request: upgrade, read: false)
                        }
                    }
                }
                try await group.waitForAll()
            }
            opened += 50
            // Each round waits until the server has let go of them (a leak would fill the limit within two rounds).
            try await withDeadline(20, "the server to let go of round \(round)'s sockets") {
                while server.server.hub.allConnections().count > 1 {
                    _ = try await bystander.request("ping")
                }
            }
        }
        #expect(opened == 3_000)
        // Every place in the per-address limit came back: `limit - 1` new sockets fit beside the bystander.
        var fresh: [TestSocket] = []
        for _ in 0..<(limit - 1) { fresh.append(try await TestSocket.connect(server.ws)) }
        #expect(try await fresh[0].request("ping").ok)
        #expect(try await bystander.request("ping").ok)
        for socket in fresh { await socket.close() }
        await bystander.close()
        await server.stop()
    }
}
