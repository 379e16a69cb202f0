import Foundation
import Testing

@Suite("accounts over HTTP")
struct AccountTests {
    @Test("register validates each field and refuses a taken email")
    func registerValidation() async throws {
        let server = try await TestServer.start()
        let url = server.http + "/api/register"
        let badEmail = try await HTTP.send("POST", url, json: ["email": "nope", "password": "long enough", "displayName": "A"])
        #expect(badEmail.status == 400 && badEmail.errorCode == "invalid" && badEmail.errorField == "email")
        let shortPassword = try await HTTP.send("POST", url, json: ["email": "a@b.org", "password": "short", "displayName": "A"])
        #expect(shortPassword.status == 400 && shortPassword.errorField == "password")
        let longName = try await HTTP.send("POST", url, json: ["email": "a@b.org", "password": "long enough", "displayName": String(repeating: "n", count: 121)])
        #expect(longName.status == 400 && longName.errorField == "displayName")
        let notJSON = try await HTTP.send("POST", url, body: Data("{{{".utf8))
        #expect(notJSON.status == 400 && notJSON.errorCode == "invalid")
        let first = try await HTTP.send("POST", url, json: ["email": "a@b.org", "password": "long enough", "displayName": "A"])
        #expect(first.status == 201)
        let again = try await HTTP.send("POST", url, json: ["email": "A@B.org", "password": "long enough", "displayName": "B"])
        #expect(again.status == 409 && again.errorField == "email")
        await server.stop()
    }

    @Test("closed registration answers 403")
    func closedRegistration() async throws {
        let server = try await TestServer.start { $0.openRegistration = false }
        let result = try await HTTP.send("POST", server.http + "/api/register", json: ["email": "a@b.org", "password": "long enough", "displayName": "A"])
        #expect(result.status == 403 && result.errorCode == "forbidden")
        await server.stop()
    }

    @Test("login: wrong password 401, right one 200, then rate limited per account")
    func loginAndLimit() async throws {
        let server = try await TestServer.start { $0.loginPerMinute = 3 }
        _ = try await HTTP.send("POST", server.http + "/api/register", json: ["email": "x@y.org", "password": "long enough", "displayName": "X"])
        let wrong = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "x@y.org", "password": "wrong password"])
        #expect(wrong.status == 401 && wrong.errorCode == "unauthenticated")
        let right = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "x@y.org", "password": "long enough"])
        #expect(right.status == 200 && right.json["token"] is String)
        let limited = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "x@y.org", "password": "long enough"])
        #expect(limited.status == 429 && limited.errorCode == "rate_limited")
        #expect(((limited.json["error"] as? [String: Any])?["retryAfterMs"] as? Int ?? 0) > 0)
        await server.stop()
    }

    @Test("a cross-origin login is refused; logout ends the session and closes its sockets")
    func originAndLogout() async throws {
        let server = try await TestServer.start()
        let foreign = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "x@y.org", "password": "long enough"],
                                          headers: ["Origin": "http://evil.example"])
        #expect(foreign.status == 403)
        let (_, token) = try await server.makeUser("Leaving")
        let socket = try await TestSocket.connect(server.ws)
        #expect(try await socket.request("hello", ["token": token]).ok)
        let logout = try await HTTP.send("POST", server.http + "/api/logout", headers: ["Authorization": "Bearer \(token)"])
        #expect(logout.status == 204)
        let close = try await withDeadline(10, "socket close") { try await socket.waitClosed() }
        #expect(close?.closeCode == .unknown(4001))
        let me = try await HTTP.send("GET", server.http + "/api/me", headers: ["Authorization": "Bearer \(token)"])
        #expect(me.status == 401)
        await server.stop()
    }

    @Test("a password change ends the person's other sessions and closes their sockets; the current one stays")
    func passwordChange() async throws {
        let server = try await TestServer.start()
        _ = try await HTTP.send("POST", server.http + "/api/register", json: ["email": "p@q.org", "password": "first password", "displayName": "P"])
        let login = { () async throws -> String in
            let reply = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "p@q.org", "password": "first password"])
            return try #require(reply.json["token"] as? String)
        }
        let phone = try await login(), laptop = try await login()
        let other = try await TestSocket.connect(server.ws)
        #expect(try await other.request("hello", ["token": phone]).ok)
        let auth = ["Authorization": "Bearer \(laptop)"]
        let wrong = try await HTTP.send("POST", server.http + "/api/password", json: ["currentPassword": "nope", "newPassword": "second password"], headers: auth)
        #expect(wrong.status == 401 && wrong.errorField == "currentPassword")
        let short = try await HTTP.send("POST", server.http + "/api/password", json: ["currentPassword": "first password", "newPassword": "x"], headers: auth)
        #expect(short.status == 400 && short.errorField == "newPassword")
        let changed = try await HTTP.send("POST", server.http + "/api/password",
                                          json: ["currentPassword": "first password", "newPassword": "second password"], headers: auth)
        #expect(changed.status == 204)
        let closed = try await withDeadline(10, "the other session's socket to close") { try await other.waitClosed() }
        #expect(closed?.closeCode == .unknown(4001))
        #expect(try await HTTP.send("GET", server.http + "/api/me", headers: ["Authorization": "Bearer \(phone)"]).status == 401)
        #expect(try await HTTP.send("GET", server.http + "/api/me", headers: auth).status == 200)
        let old = try await HTTP.send("POST", server.http + "/api/login", json: ["email": "p@q.org", "password": "first password"])
        #expect(old.status == 401)
        await server.stop()
    }
}
