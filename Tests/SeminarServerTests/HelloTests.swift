import Foundation
import Testing

@Suite("hello and sign-in over the socket")
struct HelloTests {
    @Test("hello with a good token signs in; a bad token and no token are refused")
    func helloTokens() async throws {
        let server = try await TestServer.start()
        let (user, token) = try await server.makeUser("Amina")

        let socket = try await TestSocket.connect(server.ws)
        let early = try await socket.request("subscribe", ["topic": "seminar"])
        #expect(early.errorCode == "unauthenticated")
        let noToken = try await socket.request("hello")
        #expect(noToken.errorCode == "unauthenticated")
        let bad = try await socket.request("hello", ["token": "not-a-token"])
        #expect(bad.errorCode == "unauthenticated")
        let good = try await socket.request("hello", ["token": token])
        #expect(good.ok)
        let reply = good.data
        let userView = reply["user"] as? [String: any Sendable]
        #expect(userView?["id"] as? Int64 == user.id.rawValue)
        #expect(userView?["displayName"] as? String == "Amina")
        #expect((reply["roles"] as? [any Sendable])?.compactMap { $0 as? String } == ["participant"])
        #expect(reply["serverTime"] is String)
        let ping = try await socket.request("ping")
        #expect(ping.ok && ping.data["serverTime"] is String)
        await socket.close()
        await server.stop()
    }

    @Test("the session cookie set by login signs the socket in")
    func cookieSignIn() async throws {
        let server = try await TestServer.start()
        let register = try await HTTP.send("POST", server.http + "/api/register",
                                           json: ["email": "Lea@Example.org", "password": "long enough", "displayName": "Léa", "locale": "fr"])
        #expect(register.status == 201)
        let cookie = try #require(register.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let token = try #require(register.json["token"] as? String)
        let me = try await HTTP.send("GET", server.http + "/api/me", headers: ["Cookie": "seminar_session=\(token)"])
        #expect(me.status == 200)
        #expect(((me.json["user"] as? [String: Any])?["locale"] as? String) == "fr")
        #expect(((me.json["user"] as? [String: Any])?["email"] as? String) == "lea@example.org")
        await server.stop()
    }
}
