import Foundation
import SeminarCore
import Testing

/// The session cookie is `Secure` when the seminar is served over HTTPS, and the forwarding headers count only from a
/// trusted proxy (security review, issue 21, finding 8).
@Suite("HTTPS behind a proxy: the Secure cookie and the client's address")
struct TrustedProxyTests {
    static func login(_ server: TestServer, email: String, password: String = "password-123",
                      headers: [String: String] = [:]) async throws -> HTTPResult {
        try await HTTP.send("POST", server.http + "/api/login", json: ["email": email, "password": password], headers: headers)
    }

    static func cookie(_ result: HTTPResult) throws -> [String] {
        try #require(result.header("Set-Cookie")).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test("an https:// publicURL makes the cookie Secure, at sign-in and at sign-out; http:// does not")
    func publicURL() async throws {
        let secure = try await TestServer.start { $0.publicURL = "https://seminar.example.org" }
        let (user, token) = try await secure.makeUser("Secure")
        let signedIn = try await Self.login(secure, email: user.email)
        #expect(signedIn.status == 200)
        #expect(try Self.cookie(signedIn).contains("Secure"))
        #expect(try Self.cookie(signedIn).contains("HttpOnly") && Self.cookie(signedIn).contains("SameSite=Strict"))
        let signedOut = try await HTTP.send("POST", secure.http + "/api/logout", headers: ["Authorization": "Bearer \(token)"])
        #expect(try Self.cookie(signedOut).contains("Secure"))
        await secure.stop()

        let plain = try await TestServer.start { $0.publicURL = "http://seminar.example.org" }
        let (other, _) = try await plain.makeUser("Plain")
        #expect(try !Self.cookie(try await Self.login(plain, email: other.email)).contains("Secure"))
        await plain.stop()
    }

    @Test("the origin of publicURL may change state whatever Host the proxy forwards; a foreign one may not")
    func publicOrigin() async throws {
        let server = try await TestServer.start { $0.publicURL = "https://seminar.example.org/" }
        let (user, _) = try await server.makeUser("Origin")
        #expect(try await Self.login(server, email: user.email, headers: ["Origin": "https://seminar.example.org"]).status == 200)
        #expect(try await Self.login(server, email: user.email, headers: ["Origin": "https://evil.example"]).status == 403)
        await server.stop()
    }

    @Test("X-Forwarded-Proto: https makes the cookie Secure from a trusted proxy only")
    func forwardedProto() async throws {
        let trusting = try await TestServer.start { $0.trustedProxies = [AddressRange("127.0.0.1")!] }
        let (user, _) = try await trusting.makeUser("Proxied")
        let viaHTTPS = try await Self.login(trusting, email: user.email, headers: ["X-Forwarded-Proto": "https"])
        #expect(try viaHTTPS.status == 200 && Self.cookie(viaHTTPS).contains("Secure"))
        let viaHTTP = try await Self.login(trusting, email: user.email, headers: ["X-Forwarded-Proto": "http"])
        #expect(try viaHTTP.status == 200 && !Self.cookie(viaHTTP).contains("Secure"))
        await trusting.stop()

        // The same header from a peer that is not a trusted proxy changes nothing.
        let other = try await TestServer.start { $0.trustedProxies = [AddressRange("10.0.0.0/8")!] }
        let (person, _) = try await other.makeUser("Direct")
        let claimed = try await Self.login(other, email: person.email, headers: ["X-Forwarded-Proto": "https"])
        #expect(try claimed.status == 200 && !Self.cookie(claimed).contains("Secure"))
        await other.stop()
    }

    /// Three wrong sign-ins "from" 198.51.100.1 (each for another account, so only the address limit counts), then one
    /// "from" 198.51.100.2: its status.
    static func signInAfterAnotherAddressWasLimited(trusting proxies: [AddressRange]) async throws -> (limited: Int, other: Int) {
        let server = try await TestServer.start { $0.loginPerMinute = 3; $0.trustedProxies = proxies }
        var statuses: [Int] = []
        for n in 0..<4 {
            let result = try await Self.login(server, email: "nobody\(n)@example.org", password: "wrong password",
                                              headers: ["X-Forwarded-For": "198.51.100.1"])
            statuses.append(result.status)
        }
        let other = try await Self.login(server, email: "someone@example.org", password: "wrong password",
                                         headers: ["X-Forwarded-For": "6.6.6.6, 198.51.100.2"])
        await server.stop()
        return (statuses.last ?? 0, other.status)
    }

    @Test("the sign-in limit counts the forwarded address behind a trusted proxy, the peer's otherwise")
    func signInLimit() async throws {
        let behindProxy = try await Self.signInAfterAnotherAddressWasLimited(trusting: [AddressRange("127.0.0.0/8")!])
        #expect(behindProxy.limited == 429 && behindProxy.other == 401, "\(behindProxy)")
        let direct = try await Self.signInAfterAnotherAddressWasLimited(trusting: [AddressRange("10.0.0.0/8")!])
        #expect(direct.limited == 429 && direct.other == 429, "a forged X-Forwarded-For escaped the limit: \(direct)")
    }

    static func upgrade(_ port: Int, forwardedFor: String) -> String {
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Forwarded-For: \(forwardedFor)\r\n\r\n"
    }

    /// A socket held "from" 198.51.100.1 with `connectionsPerAddress` 1; then the answers to a second upgrade from the
    /// same forwarded address and to one from another.
    static func socketCapAnswers(trusting proxies: [AddressRange]) async throws -> (same: String, other: String) {
        let server = try await TestServer.start { $0.connectionsPerAddress = 1; $0.trustedProxies = proxies }
        let first = try await HeldConnection.open(port: server.port)
        #expect(await first.send(upgrade(server.port, forwardedFor: "198.51.100.1")))
        let (accepted, _) = await first.read(seconds: 20) { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") }
        #expect(String(decoding: accepted, as: UTF8.self).hasPrefix("HTTP/1.1 101"))
        var answers: [String] = []
        for address in ["198.51.100.1", "198.51.100.2"] {
            let next = try await HeldConnection.open(port: server.port)
            #expect(await next.send(upgrade(server.port, forwardedFor: address)))
            let (bytes, _) = await next.read(seconds: 20) { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") }
            answers.append(String(String(decoding: bytes, as: UTF8.self).prefix(12)))
            next.close()
        }
        first.close()
        await server.stop()
        return (answers[0], answers[1])
    }

    @Test("the socket cap counts the forwarded address behind a trusted proxy, the peer's otherwise")
    func socketCap() async throws {
        let behindProxy = try await Self.socketCapAnswers(trusting: [AddressRange("127.0.0.1")!])
        #expect(behindProxy.same == "HTTP/1.1 429" && behindProxy.other == "HTTP/1.1 101", "\(behindProxy)")
        let direct = try await Self.socketCapAnswers(trusting: [AddressRange("10.0.0.0/8")!])
        #expect(direct.same == "HTTP/1.1 429" && direct.other == "HTTP/1.1 429", "a forged X-Forwarded-For escaped the cap: \(direct)")
    }
}
