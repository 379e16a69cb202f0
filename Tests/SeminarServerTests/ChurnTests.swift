import Foundation
import Testing

/// A client that opens and closes sockets by the thousand — cleanly, abruptly after the upgrade, halfway through
/// the handshake — must leave nothing behind: no connection, no place taken in the per-address limit.
@Suite("socket churn")
struct ChurnTests {
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
                            _ = await RawConnection.exchange(port: port, request: upgrade)
                        case 3:  // gone halfway through the handshake
                            _ = await RawConnection.exchange(port: port, request: String(upgrade.prefix(40)), read: false)
                        default:  // an upgrade sent, gone before the answer is read
                            _ = await RawConnection.exchange(port: port, request: upgrade, read: false)
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
