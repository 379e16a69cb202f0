import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

/// Every request type has a rate class; toggles that change nothing are not events.
@Suite("rate classes and no-op toggles")
struct RateLimitTests {
    /// A server whose toggles and subscriptions allow a small burst, refilled one every 20 s (a loaded machine cannot
    /// refill a bucket between two sends); room 1 live, with its host in it.
    static func setUp(burst: Int = 3) async throws -> (server: TestServer, host: TestSocket, post: Int64) {
        let server = try await TestServer.start {
            $0.toggleRate = 0.05
            $0.toggleBurst = burst
            $0.subscribeRate = 0.05
            $0.subscribeBurst = 8
        }
        try await ProgramTests.load(server)
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let post = try await host.request("feed.post", ["kind": "report", "title": "T", "body": "B", "lang": "en"])
        #expect(post.ok, "\(post.raw)")
        return (server, host, post.data["id"] as? Int64 ?? 0)
    }

    @Test("a burst of feed.react, hand.raise or lounge.enter beyond the toggle burst is refused with rate_limited and retryAfterMs",
          arguments: ["feed.react", "hand.raise", "lounge.enter"])
    func toggleBurst(type: String) async throws {
        let (server, _, post) = try await Self.setUp()
        let (socket, _, token) = try await server.signedInSocket("Flooder")
        #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
        let data: [String: Any] = type == "feed.react" ? ["postId": post, "emoji": "👍"] : ["roomId": 1]
        var codes: [String] = []
        for _ in 0..<8 {
            let reply = try await socket.request(type, data)
            codes.append(reply.ok ? "ok" : reply.errorCode ?? "?")
            if !reply.ok { #expect((reply.error["retryAfterMs"] as? Int64 ?? 0) > 0, "\(reply.raw)") }
        }
        #expect(codes == ["ok", "ok", "ok"] + Array(repeating: "rate_limited", count: 5), "\(type): \(codes)")
        // Per person: another tab of the same person has no fresh bucket.
        let tab = try await TestSocket.connect(server.ws)
        #expect(try await tab.request("hello", ["token": token]).ok)
        #expect(try await tab.request("room.enter", ["roomId": 1]).ok)
        #expect(try await tab.request(type, data).errorCode == "rate_limited")
        // Other classes are untouched; free ones are never limited.
        #expect(try await socket.request("program.get").ok)
        for _ in 0..<50 { #expect(try await socket.request("ping").ok) }
        await server.stop()
    }

    @Test("subscribing to made-up topics is slowed too, per socket; room.enter counts in the same bucket")
    func subscribeFlood() async throws {
        let (server, _, _) = try await Self.setUp()
        let (socket, _, _) = try await server.signedInSocket("Scanner")
        var codes: [String] = []
        for n in 0..<20 { codes.append(try await socket.request("subscribe", ["topic": "made-up-\(n)"]).errorCode ?? "ok") }
        #expect(codes.prefix(8).allSatisfy { $0 == "not_found" }, "\(codes)")
        #expect(codes.dropFirst(8).allSatisfy { $0 == "rate_limited" }, "\(codes)")
        #expect(try await socket.request("room.enter", ["roomId": 1]).errorCode == "rate_limited")
        // Another socket has its own bucket: twenty people joining at once are not slowed by one another.
        let (other, _, _) = try await server.signedInSocket("Neighbour")
        #expect(try await other.request("subscribe", ["topic": "seminar"]).ok)
        #expect(try await other.request("room.enter", ["roomId": 1]).ok)
        await server.stop()
    }

    /// The next event on `topic` other than presence counts (which go out a second after an entry).
    static func next(_ socket: TestSocket, on topic: String) async throws -> Frame {
        var frame = try await socket.nextEvent()
        while frame.topic != topic || frame.type == "presence" { frame = try await socket.nextEvent() }
        return frame
    }

    @Test("toggles that change nothing reply ok and publish nothing: hand.raise twice, lounge.enter again, feed.react on: what is, room.lock as is")
    func noOpToggles() async throws {
        let (server, host, post) = try await Self.setUp(burst: 100)
        let (ana, anaUser, anaToken) = try await server.signedInSocket("Ana")
        let (ben, benUser, _) = try await server.signedInSocket("Ben")
        let (watcher, _, _) = try await server.signedInSocket("Watcher")
        for socket in [ana, ben, watcher] { #expect(try await socket.request("room.enter", ["roomId": 1]).ok) }

        // Hands: the second raise keeps the place and tells nobody; the next news the room gets is the chat.
        #expect(try await ana.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 1)
        #expect(try await Self.next(watcher, on: "room:1").type == "hands")
        #expect(try await ana.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 1)
        #expect(try await ben.request("hand.lower", ["roomId": 1]).ok)  // Ben's hand is not up
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": false]).ok)  // it is not locked
        #expect(try await host.request("chat.send", ["roomId": 1, "text": "next"]).ok)
        let afterHands = try await Self.next(watcher, on: "room:1")
        #expect(afterHands.type == "chat.message" && afterHands.data["text"] as? String == "next", "\(afterHands.raw)")

        // The lounge: a second tab of someone already there, or a leave from a socket not in it, is not news.
        #expect(try await watcher.request("lounge.enter").ok)
        #expect(try await ana.request("lounge.enter").ok)
        let joined = try await Self.next(watcher, on: "lounge")
        #expect(joined.type == "lounge.joined" && (joined.data["person"] as? [String: any Sendable])?["id"] as? Int64 == anaUser.id.rawValue)
        let secondTab = try await TestSocket.connect(server.ws)
        #expect(try await secondTab.request("hello", ["token": anaToken]).ok)
        #expect(try await secondTab.request("lounge.enter").ok)
        #expect(try await ana.request("lounge.enter").ok)  // this socket is in already: the snapshot again
        #expect(try await ben.request("lounge.leave").ok)  // not in
        #expect(try await secondTab.request("lounge.leave").ok)  // Ana is still there on her first tab
        #expect(try await ben.request("lounge.enter").ok)
        let next = try await Self.next(watcher, on: "lounge")
        #expect(next.type == "lounge.joined" && (next.data["person"] as? [String: any Sendable])?["id"] as? Int64 == benUser.id.rawValue, "\(next.raw)")
        #expect(try await ana.request("lounge.leave").ok)
        #expect(try await Self.next(watcher, on: "lounge").type == "lounge.left")

        // Reactions on a post: setting what is sends nothing and stores nothing.
        #expect(try await watcher.request("subscribe", ["topic": "feed"]).ok)
        let reacted = try await ana.request("feed.react", ["postId": post, "emoji": "👍", "on": true])
        #expect((reacted.data["yourReactions"] as? [any Sendable])?.count == 1)
        #expect(try await Self.next(watcher, on: "feed").type == "post.reacted")
        let feedSeq = try await server.database.events(topic: .feed).latestSeq
        let again = try await ana.request("feed.react", ["postId": post, "emoji": "👍", "on": true])
        #expect(again.ok && (again.data["yourReactions"] as? [any Sendable])?.count == 1)
        #expect(try await ben.request("feed.react", ["postId": post, "emoji": "👍", "on": false]).ok)  // Ben has none to take back
        #expect(try await server.database.events(topic: .feed).latestSeq == feedSeq)
        #expect(try await ben.request("feed.react", ["postId": post, "emoji": "💡"]).ok)  // without `on`: a toggle, news
        let news = try await Self.next(watcher, on: "feed")
        #expect(news.type == "post.reacted" && news.seq == feedSeq + 1)
        #expect((news.data["reactions"] as? [String: any Sendable])?["👍"] as? Int64 == 1)
        await server.stop()
    }
}
