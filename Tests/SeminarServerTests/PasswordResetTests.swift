import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Synchronization
import Testing
import WSCore

@Suite("account recovery over HTTP (mail as .eml files: no smtpURL)")
struct PasswordResetTests {
    static func emlFiles(_ server: TestServer) -> [URL] {
        let folder = URL(fileURLWithPath: server.dataDirectory).appendingPathComponent("outbox")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "eml" }.sorted { $0.path < $1.path }
    }

    /// The token of the reset link in a quoted-printable text part (a long link is cut by soft line breaks).
    static func token(in eml: String) throws -> String {
        let text = eml.replacingOccurrences(of: "=\r\n", with: "")
        let start = try #require(text.range(of: "/#/reset/"))
        return String(text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test("forgot answers alike for any address, mails only a known one; reset works once, ends every session and closes its sockets")
    func endToEnd() async throws {
        let server = try await TestServer.start()
        let registered = try await HTTP.send("POST", server.http + "/api/register",
                                             json: ["email": "ada@example.org", "password": "first password", "displayName": "Ada", "locale": "fr"])
        let old = try #require(registered.json["token"] as? String)
        let socket = try await TestSocket.connect(server.ws)
        #expect(try await socket.request("hello", ["token": old]).ok)

        let unknown = try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": "nobody@example.org"])
        let known = try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": "ADA@example.org"])
        #expect(unknown.status == 202 && known.status == 202 && unknown.body == known.body)
        let bad = try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": "not an address"])
        #expect(bad.status == 400 && bad.errorField == "email")
        let foreign = try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": "ada@example.org"],
                                          headers: ["Origin": "https://evil.example"])
        #expect(foreign.status == 403)

        let file = try await eventually("the .eml file") { Self.emlFiles(server).first }
        let eml = try String(contentsOf: file, encoding: .utf8)
        #expect(file.lastPathComponent == "000001-password_reset.eml")
        #expect(eml.contains("To: <ada@example.org>\r\n") && eml.contains("Content-Type: multipart/alternative"))
        #expect(eml.contains("Subject: =?UTF-8?B?"), "the French subject is encoded")
        #expect(try await server.database.outbox().map(\.status) == ["sent"])
        #expect(Self.emlFiles(server).count == 1, "nothing for the unknown address (requests are handled in order)")
        let token = try Self.token(in: eml)
        #expect(token.count >= 40)

        let short = try await HTTP.send("POST", server.http + "/api/password/reset", json: ["token": token, "password": "short"])
        #expect(short.status == 400 && short.errorField == "password")
        let wrong = try await HTTP.send("POST", server.http + "/api/password/reset", json: ["token": "x" + token, "password": "second password"])
        #expect(wrong.status == 404 && wrong.errorField == "token")
        let reset = try await HTTP.send("POST", server.http + "/api/password/reset", json: ["token": token, "password": "second password"])
        #expect(reset.status == 200 && reset.header("Set-Cookie")?.contains("HttpOnly") == true)
        let fresh = try #require(reset.json["token"] as? String)
        let closed = try await withDeadline(10, "the old session's socket to close") { try await socket.waitClosed() }
        #expect(closed?.closeCode == .unknown(4001))
        #expect(try await HTTP.send("GET", server.http + "/api/me", headers: ["Authorization": "Bearer \(old)"]).status == 401)
        #expect(try await HTTP.send("GET", server.http + "/api/me", headers: ["Authorization": "Bearer \(fresh)"]).status == 200)
        let again = try await HTTP.send("POST", server.http + "/api/password/reset", json: ["token": token, "password": "third password"])
        #expect(again.status == 404)
        #expect(try await HTTP.send("POST", server.http + "/api/login", json: ["email": "ada@example.org", "password": "first password"]).status == 401)
        #expect(try await HTTP.send("POST", server.http + "/api/login", json: ["email": "ada@example.org", "password": "second password"]).status == 200)
        await server.stop()
    }

    @Test("an expired link is refused; asking too often for one address answers 429, known or not")
    func expiryAndLimits() async throws {
        let clock = TestClock()
        let server = try await TestServer.start(clock: clock.now) { settings in
            settings.passwordResetPerHour = 2
            settings.loginPerMinute = 1_000
        }
        _ = try await HTTP.send("POST", server.http + "/api/register", json: ["email": "ada@example.org", "password": "first password", "displayName": "Ada"])
        for address in ["ada@example.org", "nobody@example.org"] {
            for _ in 0..<2 { #expect(try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": address]).status == 202) }
            let third = try await HTTP.send("POST", server.http + "/api/password/forgot", json: ["email": address])
            #expect(third.status == 429 && third.errorCode == "rate_limited")
        }
        let file = try await eventually("two .eml files") { Self.emlFiles(server).count == 2 ? Self.emlFiles(server)[0] : nil }
        let token = try Self.token(in: try String(contentsOf: file, encoding: .utf8))
        clock.advance(seconds: 61 * 60)
        let late = try await HTTP.send("POST", server.http + "/api/password/reset", json: ["token": token, "password": "second password"])
        #expect(late.status == 404 && late.errorField == "token")
        await server.stop()
    }
}

/// A clock the test moves forward.
final class TestClock: Sendable {
    private let offset = Mutex<Int64>(0)
    func advance(seconds: Int64) { offset.withLock { $0 += seconds * 1000 } }
    var now: @Sendable () -> Timestamp {
        { [self] in Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + offset.withLock { $0 }) }
    }
}
