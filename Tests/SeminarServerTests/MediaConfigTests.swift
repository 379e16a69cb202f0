import Crypto
import Foundation
import SeminarCore
import SeminarServer
import Testing

@Suite("media.config: ICE servers and relay credentials")
struct MediaConfigTests {
    static let secret = "test-relay-secret-\(UUID().uuidString)"

    /// The relay entry of a reply's iceServers (the one with a username).
    static func relay(_ servers: [[String: any Sendable]]) throws -> (urls: [String], username: String, credential: String) {
        let relay = try #require(servers.first { $0["username"] != nil })
        return (try #require((relay["urls"] as? [any Sendable])?.compactMap { $0 as? String }),
                try #require(relay["username"] as? String), try #require(relay["credential"] as? String))
    }

    @Test("signed in: the STUN server, then the relay with <expiry>:<id> and base64(HMAC-SHA1(secret, username)); meeting.list the same; anonymous refused")
    func credentials() async throws {
        let server = try await TestServer.start {
            $0.iceServers = ["stun:stun.example.org:3478"]
            $0.turnURLs = ["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"]
            $0.turnSecret = Secret(Self.secret)
            $0.turnCredentialHours = 6
            $0.iceTransportPolicy = .relay
        }
        let (socket, user, _) = try await server.signedInSocket("Rita Relay")
        let before = Int64(Date().timeIntervalSince1970)
        let reply = try await socket.request("media.config")
        #expect(reply.ok, "\(reply.raw)")
        #expect(reply.data["iceTransportPolicy"] as? String == "relay")
        let servers = try #require(reply.data["iceServers"] as? [[String: any Sendable]])
        #expect(servers.count == 2)
        #expect(servers.first?.keys.sorted() == ["urls"] && (servers.first?["urls"] as? [any Sendable])?.first as? String == "stun:stun.example.org:3478")
        let relay = try Self.relay(servers)
        #expect(relay.urls == ["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"])

        let parts = relay.username.split(separator: ":")
        #expect(parts.count == 2 && parts.last.map(String.init) == "\(user.id.rawValue)")
        let expiry = try #require(parts.first.flatMap { Int64($0) })
        let after = Int64(Date().timeIntervalSince1970)
        #expect(expiry >= before + 6 * 3_600 && expiry <= after + 6 * 3_600)
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(relay.username.utf8), using: SymmetricKey(data: Data(Self.secret.utf8)))
        #expect(relay.credential == Data(mac).base64EncodedString())
        #expect(!reply.raw.contains(Self.secret))

        // meeting.list carries the same relay, for pages that read it there.
        let list = try await socket.request("meeting.list")
        let listed = try Self.relay(try #require(list.data["iceServers"] as? [[String: any Sendable]]))
        #expect(listed.urls == relay.urls && listed.username.hasSuffix(":\(user.id.rawValue)"))

        let anonymous = try await TestSocket.connect(server.ws)
        #expect(try await anonymous.request("media.config").errorCode == "unauthenticated")
        await anonymous.close()
        await socket.close()
        await server.stop()
    }

    @Test("nothing configured: no ICE servers, policy all")
    func nothing() async throws {
        let server = try await TestServer.start()
        let (socket, _, _) = try await server.signedInSocket("Nora None")
        let reply = try await socket.request("media.config")
        #expect(reply.ok && (reply.data["iceServers"] as? [any Sendable])?.isEmpty == true && reply.data["iceTransportPolicy"] as? String == "all")
        await socket.close()
        await server.stop()
    }
}
