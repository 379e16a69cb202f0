import Foundation
import SeminarCore
import SeminarStore
import Testing

@Suite("resume with since: nothing lost, nothing doubled")
struct ResumeTests {
    @Test("after a drop, subscribe since returns exactly the missed events in order, then live ones")
    func resumeAfterDrop() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let (first, user, token) = try await server.signedInSocket("Traveller")
        _ = user
        #expect(try await first.request("subscribe", ["topic": "seminar"]).ok)
        for n in 1...3 { #expect(try await organiser.request("announce", ["text": "before \(n)"]).ok) }
        let seen = try await first.events(3, topic: "seminar")
        let lastSeq = try #require(seen.last?.seq)
        await first.close()

        for n in 4...6 { #expect(try await organiser.request("announce", ["text": "while away \(n)"]).ok) }

        let second = try await TestSocket.connect(server.ws)
        #expect(try await second.request("hello", ["token": token]).ok)
        let resumed = try await second.request("subscribe", ["topic": "seminar", "since": lastSeq])
        #expect(resumed.ok)
        let missed = try await second.events(3, topic: "seminar")
        #expect(missed.map(\.seq) == [4, 5, 6])
        #expect(missed.map { $0.data["text"] as? String } == ["while away 4", "while away 5", "while away 6"])
        #expect(try await organiser.request("announce", ["text": "live 7"]).ok)
        let live = try await second.nextEvent()
        #expect(live.seq == 7)
        await server.stop()
    }

    @Test("subscribing while events are being committed loses and doubles nothing")
    func replayRacesWithCommits() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let total = 300
        var subscribers: [TestSocket] = []
        for index in 0..<6 {
            let (socket, _, _) = try await server.signedInSocket("Racer\(index)")
            subscribers.append(socket)
        }
        let author = try #require(try await server.database.user(id: UserID(1)))
        let writer = Task {
            for n in 1...total {
                _ = try await server.database.announce(
                    try NewAnnouncement(text: "burst \(n)", level: "info"), by: author, key: nil,
                    now: Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)))
            }
        }
        // Subscribe at different moments of the burst: half from the start (since 0), half from the snapshot.
        var starts: [Int64] = []
        for (index, socket) in subscribers.enumerated() {
            let subscribe = index.isMultiple(of: 2)
                ? try await socket.request("subscribe", ["topic": "seminar", "since": 0])
                : try await socket.request("subscribe", ["topic": "seminar"])
            #expect(subscribe.ok)
            starts.append(index.isMultiple(of: 2) ? 0 : try #require(subscribe.data["seq"] as? Int64))
        }
        try await writer.value
        #expect(try await organiser.request("announce", ["text": "final"]).ok)
        let last = Int64(total + 1)
        for (socket, start) in zip(subscribers, starts) {
            let events = try await socket.events(Int(last - start), topic: "seminar")
            #expect(events.map(\.seq) == Array((start + 1)...last).map { Optional($0) })
        }
        await server.stop()
    }

    @Test("a since older than what is kept answers conflict/resync")
    func resync() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        for n in 1...3 { #expect(try await organiser.request("announce", ["text": "old \(n)"]).ok) }
        try await server.database.pruneEvents(olderThan: Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1000))
        let (socket, _, _) = try await server.signedInSocket("Late")
        let stale = try await socket.request("subscribe", ["topic": "seminar", "since": 1])
        #expect(stale.errorCode == "conflict" && stale.error["detail"] as? String == "resync")
        let future = try await socket.request("subscribe", ["topic": "seminar", "since": 99])
        #expect(future.errorCode == "conflict")
        let fresh = try await socket.request("subscribe", ["topic": "seminar"])
        #expect(fresh.ok && fresh.data["seq"] as? Int64 == 3)
        await server.stop()
    }

    @Test("a since that would replay more than half the outbox answers conflict/resync instead of closing the socket")
    func replayLongerThanTheOutbox() async throws {
        let server = try await TestServer.start { $0.outboxSize = 16 }
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        for n in 1...12 { #expect(try await organiser.request("announce", ["text": "news \(n)"]).ok) }
        let (socket, _, _) = try await server.signedInSocket("Back")
        let near = try await socket.request("subscribe", ["topic": "seminar", "since": 6])
        #expect(near.ok, "\(near.raw)")
        _ = try await socket.events(6, topic: "seminar")
        #expect(try await socket.request("unsubscribe", ["topic": "seminar"]).ok)
        let far = try await socket.request("subscribe", ["topic": "seminar", "since": 1])
        #expect(far.errorCode == "conflict" && far.error["detail"] as? String == "resync", "\(far.raw)")
        // The socket is still open and the snapshot path works.
        let fresh = try await socket.request("subscribe", ["topic": "seminar"])
        #expect(fresh.ok && fresh.data["seq"] as? Int64 == 12)
        await socket.close()
        await organiser.close()
        await server.stop()
    }
}
