import Foundation
import Testing

@Suite("announcements on topic seminar")
struct AnnouncementTests {
    @Test("an organiser's announcement reaches every subscriber once, with its seq")
    func fanOut() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        var subscribers: [TestSocket] = []
        for index in 0..<20 {
            let (socket, _, _) = try await server.signedInSocket("P\(index)")
            let subscribed = try await socket.request("subscribe", ["topic": "seminar"])
            #expect(subscribed.ok && subscribed.data["seq"] as? Int64 == 0)
            subscribers.append(socket)
        }
        let reply = try await organiser.request("announce", ["text": "Plenary in 10 minutes", "level": "warning"])
        #expect(reply.ok)
        #expect(reply.data["seq"] as? Int64 == 1)
        for socket in subscribers {
            let event = try await socket.nextEvent()
            #expect(event.topic == "seminar" && event.type == "announcement" && event.seq == 1)
            #expect(event.data["text"] as? String == "Plenary in 10 minutes")
            #expect(event.data["level"] as? String == "warning")
            #expect((event.data["author"] as? [String: any Sendable])?["displayName"] as? String == "Organiser")
            #expect(event.object["at"] is String)
        }
        // A late joiner finds it in the snapshot.
        let (late, _, _) = try await server.signedInSocket("Late")
        let snapshot = try await late.request("subscribe", ["topic": "seminar"])
        let announcements = (snapshot.data["snapshot"] as? [String: any Sendable])?["announcements"] as? [any Sendable]
        #expect(announcements?.count == 1)
        #expect((announcements?.first as? [String: any Sendable])?["seq"] as? Int64 == 1)
        await server.stop()
    }

    @Test("a retried announce with the same key returns the first reply and creates nothing")
    func idempotentRetry() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let first = try await organiser.request("announce", ["text": "Once"], key: "k-1")
        let retry = try await organiser.request("announce", ["text": "Once"], key: "k-1")
        #expect(first.ok && retry.ok)
        #expect(first.data["announcementId"] as? Int64 == retry.data["announcementId"] as? Int64)
        #expect(first.data["seq"] as? Int64 == retry.data["seq"] as? Int64)
        let log = try await server.database.events(topic: .seminar)
        #expect(log.events.count == 1)
        await server.stop()
    }

    @Test("an announcement's language: asked for, or the organiser's locale; in the reply's event, the snapshot and the scheduled list")
    func language() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let (reader, _, _) = try await server.signedInSocket("Reader")
        #expect(try await reader.request("subscribe", ["topic": "seminar"]).ok)
        // Given an organiser whose locale is French
        #expect(try await organiser.request("locale.set", ["locale": "fr"]).ok)

        // When one announcement says Spanish and one says nothing
        let spanish = try await organiser.request("announce", ["text": "La plenaria empieza", "lang": "es"])
        #expect(spanish.ok && spanish.data["seq"] as? Int64 == 1)
        let first = try await event(reader, "announcement", topic: "seminar")
        #expect(first.data["text"] as? String == "La plenaria empieza" && first.data["lang"] as? String == "es")
        #expect(try await organiser.request("announce", ["text": "La plénière commence"]).ok)
        #expect(try await event(reader, "announcement", topic: "seminar").data["lang"] as? String == "fr")
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(600))
        #expect(try await organiser.request("announce", ["text": "Closing dinner", "lang": "en", "publishAt": later]).ok)

        // Then a late joiner's snapshot and the console's scheduled list carry each one's language
        let (late, _, _) = try await server.signedInSocket("Late")
        let snapshot = try await late.request("subscribe", ["topic": "seminar"])
        let shown = ((snapshot.data["snapshot"] as? [String: any Sendable])?["announcements"] as? [[String: any Sendable]]) ?? []
        #expect(shown.map { $0["lang"] as? String } == ["es", "fr"])
        let scheduled = (try await organiser.request("announce.scheduled")).data["announcements"] as? [[String: any Sendable]]
        #expect(scheduled?.map { $0["lang"] as? String } == ["en"])
        await server.stop()
    }

    @Test("a language other than fr, en, es is refused, naming the field lang, and nothing is announced")
    func badLanguage() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        for lang in ["de", "FR", "", "fr-CA", "english"] {
            let reply = try await organiser.request("announce", ["text": "Hola", "lang": lang])
            #expect(reply.errorCode == "invalid" && reply.error["field"] as? String == "lang", "\(lang)")
        }
        let wrongType = try await organiser.request("announce", ["text": "Hola", "lang": 3])
        #expect(wrongType.errorCode == "invalid" && wrongType.error["field"] as? String == "lang")
        #expect(try await server.database.events(topic: .seminar).events.isEmpty)
        await server.stop()
    }

    @Test("participants may not announce; bad text and level name their field")
    func refusals() async throws {
        let server = try await TestServer.start()
        let (participant, _, _) = try await server.signedInSocket("P")
        #expect(try await participant.request("announce", ["text": "hi"]).errorCode == "forbidden")
        let (organiser, _, _) = try await server.signedInSocket("O", role: .organiser)
        let empty = try await organiser.request("announce", ["text": "   "])
        #expect(empty.errorCode == "invalid" && empty.error["field"] as? String == "text")
        let long = try await organiser.request("announce", ["text": String(repeating: "a", count: 2_001)])
        #expect(long.errorCode == "invalid" && long.error["field"] as? String == "text")
        let level = try await organiser.request("announce", ["text": "x", "level": "loud"])
        #expect(level.errorCode == "invalid" && level.error["field"] as? String == "level")
        let wrongType = try await organiser.request("announce", ["text": 42])
        #expect(wrongType.errorCode == "invalid" && wrongType.error["field"] as? String == "text")
        #expect(try await organiser.request("subscribe", ["topic": "user:999999"]).errorCode == "forbidden")
        #expect(try await participant.request("subscribe", ["topic": "desk"]).errorCode == "forbidden")
        #expect(try await participant.request("subscribe", ["topic": "nowhere"]).errorCode == "not_found")
        await server.stop()
    }
}
