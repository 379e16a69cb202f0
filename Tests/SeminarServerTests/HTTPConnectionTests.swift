import Foundation
import Testing

/// Connections that never become a request, or stop being one: each must end within its time-out, one address may
/// hold only so many, and every request gets an answer whatever its headers (security review, issue 21, finding 6).
@Suite("HTTP connections: time-outs, the per-address cap, answers and closes")
struct HTTPConnectionTests {
    static let healthz = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("a connection that sends nothing, or a head a piece at a time, is closed after requestHeadSeconds")
    func headTimeout() async throws {
        let server = try await TestServer.start { $0.requestHeadSeconds = 1; $0.keepAliveSeconds = 600 }
        let silent = try await HeldConnection.open(port: server.port)
        let slow = try await HeldConnection.open(port: server.port)
        #expect(await slow.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
        async let silentEnd = silent.read(seconds: 15)
        async let slowEnd = slow.read(seconds: 15)
        let (quiet, partial) = await (silentEnd, slowEnd)
        #expect(quiet.closedByServer && quiet.bytes.isEmpty, "a silent connection was held 15 s")
        #expect(partial.closedByServer && partial.bytes.isEmpty, "a head that never ended was held 15 s")
        await server.stop()
    }

    @Test("an idle keep-alive connection is closed after keepAliveSeconds; the answers before it are whole")
    func keepAliveTimeout() async throws {
        // 4 s, not 1: the second request follows the first answer at once, but a loaded CI machine (every suite at
        // once) once took over a second between the two, and the server rightly closed the idle connection.
        let server = try await TestServer.start { $0.requestHeadSeconds = 600; $0.keepAliveSeconds = 4 }
        let connection = try await HeldConnection.open(port: server.port)
        #expect(await connection.send(Self.healthz))
        #expect(await connection.readAnswer().hasPrefix("HTTP/1.1 200"))
        // A second request on the same connection still works (keep-alive), then it goes quiet.
        #expect(await connection.send(Self.healthz))
        #expect(await connection.readAnswer().hasPrefix("HTTP/1.1 200"))
        let (bytes, closed) = await connection.read(seconds: 20)
        #expect(closed && bytes.isEmpty, "an idle keep-alive connection was held 20 s")
        await server.stop()
    }

    @Test("one address may hold httpConnectionsPerAddress connections; the next is closed, a closed one frees its place")
    func perAddressCap() async throws {
        let server = try await TestServer.start { $0.httpConnectionsPerAddress = 3; $0.requestHeadSeconds = 600 }
        var held: [HeldConnection] = []
        for _ in 0..<3 { held.append(try await HeldConnection.open(port: server.port)) }
        // Opened one after the other, so the server has counted them (each answers) before the next.
        for connection in held {
            #expect(await connection.send(Self.healthz))
            #expect(await connection.readAnswer().hasPrefix("HTTP/1.1 200"))
        }
        let refused = try await HeldConnection.open(port: server.port)
        _ = await refused.send(Self.healthz)
        let (bytes, closed) = await refused.read(seconds: 15)
        #expect(closed && bytes.isEmpty, "the fourth connection from one address was served: \(Self.text(bytes))")
        // The three are still served.
        #expect(await held[0].send(Self.healthz))
        #expect(await held[0].readAnswer().hasPrefix("HTTP/1.1 200"))
        held.removeLast().close()
        // The place comes back once the server has seen the close.
        try await withDeadline(20, "a freed place") {
            while true {
                let again = try await HeldConnection.open(port: server.port)
                _ = await again.send(Self.healthz)
                if await again.readAnswer(seconds: 5).hasPrefix("HTTP/1.1 200") { return }
            }
        }
        await server.stop()
    }

    @Test("a WebSocket does not count among the HTTP connections, and the HTTP time-outs do not cut it")
    func webSocketsAreNotCut() async throws {
        let server = try await TestServer.start {
            $0.httpConnectionsPerAddress = 1; $0.requestHeadSeconds = 1; $0.keepAliveSeconds = 1; $0.pingIntervalSeconds = 600
        }
        let (socket, _, _) = try await server.signedInSocket("Stays")
        // The socket took no HTTP place: a plain request is served beside it (once the server has handed the upgraded
        // connection over, which may come a moment after the client saw the upgrade).
        let witness = try await withDeadline(20, "a plain request served beside the socket") {
            while true {
                let witness = try await HeldConnection.open(port: server.port)
                _ = await witness.send(Self.healthz)
                if await witness.readAnswer(seconds: 5).hasPrefix("HTTP/1.1 200") { return witness }
                witness.close()
            }
        }
        // Once the witness's keep-alive has run out (the time-outs have passed), the quiet socket still answers.
        let (_, closed) = await witness.read(seconds: 15)
        #expect(closed)
        #expect(try await socket.request("ping").ok)
        await socket.close()
        await server.stop()
    }

    @Test("a request NIO cannot parse gets a 400 and a close")
    func malformedIsClosed() async throws {
        let server = try await TestServer.start { $0.requestHeadSeconds = 600; $0.keepAliveSeconds = 600 }
        for request in ["FOO /api/seminar HTTP/1.1\r\nHost: x\r\n\r\n",
                        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
                        "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}"] {
            let connection = try await HeldConnection.open(port: server.port)
            #expect(await connection.send(request))
            let (bytes, closed) = await connection.read(seconds: 15)
            #expect(Self.text(bytes).hasPrefix("HTTP/1.1 400"), "\(request.prefix(20)): \(Self.text(bytes))")
            #expect(closed, "\(request.prefix(20)): still open 15 s after its 400")
        }
        // Also after a request that parsed well but later ones did not (the connection had become plain HTTP).
        let connection = try await HeldConnection.open(port: server.port)
        #expect(await connection.send(Self.healthz))
        #expect(await connection.readAnswer().hasPrefix("HTTP/1.1 200"))
        #expect(await connection.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"))
        let (bytes, closed) = await connection.read(seconds: 15)
        #expect(Self.text(bytes).hasPrefix("HTTP/1.1 400") && closed, "\(Self.text(bytes))")
        await server.stop()
    }

    @Test("a 400 from a route (bad JSON) says Connection: close and closes")
    func routeBadRequestCloses() async throws {
        let server = try await TestServer.start { $0.requestHeadSeconds = 600; $0.keepAliveSeconds = 600 }
        let connection = try await HeldConnection.open(port: server.port)
        #expect(await connection.send("POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n{bad"))
        let (bytes, closed) = await connection.read(seconds: 15)
        let answer = Self.text(bytes)
        #expect(answer.hasPrefix("HTTP/1.1 400") && answer.lowercased().contains("connection: close"), "\(answer)")
        #expect(closed, "still open 15 s after a 400")
        await server.stop()
    }

    /// An upload over the limit, sent whole before reading (as Python's urllib does), with `Connection: close`.
    func oversizedUpload(chunked: Bool) async throws {
        let server = try await TestServer.start { $0.uploadLimitMiB = 1; $0.requestHeadSeconds = 30; $0.keepAliveSeconds = 600 }
        let (_, token) = try await server.makeUser("Uploader", role: .organiser)
        let size = 40 << 20
        let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(size)"
        let head = "POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/pdf\r\n"
            + "X-Filename: big.pdf\r\nConnection: close\r\n\(framing)\r\n\r\n"
        var body = Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: size - 9)
        if chunked {
            var framed: [UInt8] = []
            for start in stride(from: 0, to: body.count, by: 1 << 20) {
                let piece = body[start..<min(start + (1 << 20), body.count)]
                framed += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
            }
            body = framed + Array("0\r\n\r\n".utf8)
        }
        let connection = try await HeldConnection.open(port: server.port)
        #expect(await connection.send(head))
        let sent = await connection.send(body, seconds: 20)
        #expect(sent, "the server stopped reading the body and did not answer (the client waits for ever)")
        let answer = await connection.readAnswer()
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
        #expect(answer.lowercased().contains("connection: close"))
        // And the server lives on.
        let next = try await HeldConnection.open(port: server.port)
        #expect(await next.send(Self.healthz))
        #expect(await next.readAnswer().hasPrefix("HTTP/1.1 200"))
        await server.stop()
    }

    @Test("an upload over the limit with Connection: close gets its 413 (Content-Length)")
    func oversizedUploadWithLength() async throws { try await oversizedUpload(chunked: false) }

    @Test("an upload over the limit with Connection: close gets its 413 (chunked)")
    func oversizedUploadChunked() async throws { try await oversizedUpload(chunked: true) }
}
