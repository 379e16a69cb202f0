import Foundation
import SeminarCore
import SeminarStore
import Testing

@Suite("slow consumers")
struct BackpressureTests {
    @Test("a client that never reads is closed with 1013 while another keeps receiving every event")
    func stuckClientEvicted() async throws {
        // Large enough that the healthy reader never trips it on a busy machine; the stuck one always does. The stuck
        // socket answers no ping either: on a loaded machine, slow announcements could let the keep-alive close it as
        // dead (no eviction counted) before its outbox fills, so the pings are an hour apart here.
        let server = try await TestServer.start {
            $0.outboxSize = 256
            $0.pingIntervalSeconds = 3_600
        }
        let (_, _, stuckToken) = try await server.signedInSocket("Stuck")
        let stuck = try await TestSocket.connect(server.ws, reading: false)
        try await stuck.send(json: ["id": 1, "type": "hello", "data": ["token": stuckToken]])
        try await stuck.send(json: ["id": 2, "type": "subscribe", "data": ["topic": "seminar"]])
        let (healthy, _, _) = try await server.signedInSocket("Healthy")
        #expect(try await healthy.request("subscribe", ["topic": "seminar"]).ok)
        let (_, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let author = try #require(try await server.database.user(id: UserID(3)))
        let text = String(repeating: "Le pouvoir du nous. ", count: 100)

        // Announce until the hub has evicted the stuck client (bounded).
        var sent = 0
        while server.server.hub.stats.evictions == 0 && sent < 40_000 {
            _ = try await server.database.announce(try NewAnnouncement(text: text, level: "info"), by: author, key: nil,
                                                  now: Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)))
            sent += 1
            if sent.isMultiple(of: 200) {
                // Keep the healthy client's backlog small: it reads as events arrive.
                let events = try await healthy.events(200, topic: "seminar")
                #expect(events.last?.seq == Int64(sent))
            }
        }
        #expect(server.server.hub.stats.evictions == 1)
        let remaining = sent % 200
        let tail = try await healthy.events(remaining, topic: "seminar")
        if remaining > 0 { #expect(tail.last?.seq == Int64(sent)) }
        stuck.release()
        // It was cut off: either it still read the 1013 close frame, or the connection was reset under it.
        let close = try? await withDeadline(15, "stuck close") { try await stuck.waitClosed() }
        #expect(close == nil || close?.closeCode == .unknown(1013))
        #expect(server.server.hub.stats.connections == 3)  // the other three sockets stay
        await server.stop()
    }
}
