import Foundation
import SeminarCore
import Testing

@Suite("lounge, people and direct messages")
struct PeopleTests {
    @Test("a DM reaches both people's topics and not a third; history and unread counts")
    func directMessages() async throws {
        let server = try await TestServer.start()
        let (ana, anaUser, _) = try await server.signedInSocket("Ana")
        let (ben, benUser, benToken) = try await server.signedInSocket("Ben")
        let (eve, _, _) = try await server.signedInSocket("Eve")
        #expect(try await ana.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok)
        #expect(try await ben.request("subscribe", ["topic": "user:\(benUser.id.rawValue)"]).ok)
        #expect(try await eve.request("subscribe", ["topic": "user:\(benUser.id.rawValue)"]).errorCode == "forbidden")
        let sent = try await ana.request("dm.send", ["to": benUser.id.rawValue, "text": "Shall we meet about housing?"], key: "dm-1")
        #expect(sent.ok)
        let retry = try await ana.request("dm.send", ["to": benUser.id.rawValue, "text": "Shall we meet about housing?"], key: "dm-1")
        #expect(retry.data["id"] as? Int64 == sent.data["id"] as? Int64)
        let atBen = try await ben.nextEvent()
        #expect(atBen.type == "dm.message" && atBen.data["text"] as? String == "Shall we meet about housing?")
        let atAna = try await ana.nextEvent()
        #expect(atAna.type == "dm.message" && atAna.topic == "user:\(anaUser.id.rawValue)")
        #expect(try await ben.request("dm.unread").data["counts"] as? [String: any Sendable] != nil)
        let unread = try await ben.request("dm.unread").data["counts"] as? [String: any Sendable]
        #expect(unread?["\(anaUser.id.rawValue)"] as? Int64 == 1)
        // Ben reads on one device; his other device is told (the count is his, not the tab's).
        let benLaptop = try await TestSocket.connect(server.ws)
        #expect(try await benLaptop.request("hello", ["token": benToken]).ok)
        #expect(try await benLaptop.request("subscribe", ["topic": "user:\(benUser.id.rawValue)"]).ok)
        let read = try await ben.request("dm.read", ["with": anaUser.id.rawValue])
        #expect((read.data["counts"] as? [String: any Sendable])?.isEmpty == true)
        let told = try await event(benLaptop, "dm.read")
        #expect(told.data["with"] as? Int64 == anaUser.id.rawValue)
        #expect((try await benLaptop.request("dm.unread").data["counts"] as? [String: any Sendable])?.isEmpty == true)
        let history = try await ben.request("dm.history", ["with": anaUser.id.rawValue])
        #expect((history.data["messages"] as? [any Sendable])?.count == 1)
        let conversations = try await ben.request("dm.conversations").data["conversations"] as? [[String: any Sendable]]
        #expect(conversations?.count == 1 && conversations?.first?["lastText"] as? String == "Shall we meet about housing?")
        #expect((conversations?.first?["with"] as? [String: any Sendable])?["id"] as? Int64 == anaUser.id.rawValue)
        #expect(try await eve.request("dm.conversations").data["conversations"] as? [any Sendable] != nil)
        let eveHistory = try await eve.request("dm.history", ["with": anaUser.id.rawValue])
        #expect((eveHistory.data["messages"] as? [any Sendable])?.isEmpty == true)
        #expect(try await ana.request("dm.send", ["to": anaUser.id.rawValue, "text": "me"]).errorCode == "invalid")
        #expect(try await ana.request("dm.send", ["to": 9_999, "text": "nobody"]).errorCode == "not_found")
        await server.stop()
    }

    @Test("blocked people are invisible to each other: search, profile, suggestions, DMs, lounge")
    func blocks() async throws {
        let server = try await TestServer.start()
        let (ana, anaUser, _) = try await server.signedInSocket("Ana Coopération")
        let (ben, benUser, _) = try await server.signedInSocket("Ben")
        let shared: [String: Any] = ["interests": ["climate", "housing"], "languages": ["fr", "en"], "region": "europe", "organisation": "Cités Unies"]
        #expect(try await ana.request("profile.update", shared).ok)
        var benProfile = shared
        benProfile["region"] = "africa"
        #expect(try await ben.request("profile.update", benProfile).ok)

        let found = try await ben.request("people.search", ["q": "cooperation"])
        #expect((found.data["people"] as? [any Sendable])?.count == 1)  // accent-insensitive, by name
        let byOrganisation = try await ben.request("people.search", ["q": "cites unies", "region": "europe"])
        #expect((byOrganisation.data["people"] as? [any Sendable])?.count == 1)
        let hostile = try await ben.request("people.search", ["q": #"" OR NEAR( *"#])
        #expect(hostile.ok)
        let suggestions = try await ben.request("match.suggestions", ["limit": 5])
        let first = (suggestions.data["suggestions"] as? [any Sendable])?.first as? [String: any Sendable]
        #expect(((first?["person"] as? [String: any Sendable])?["id"] as? Int64) == anaUser.id.rawValue)
        let reasons = (first?["reasons"] as? [any Sendable])?.compactMap { $0 as? String } ?? []
        #expect(reasons.contains("shared interest: climate") && reasons.contains("from another region: Europe"))  // the region by its name, never its key

        #expect(try await ana.request("lounge.enter").ok)
        #expect(try await ben.request("block.set", ["userId": anaUser.id.rawValue, "blocked": true]).ok)
        #expect((try await ben.request("people.search", ["q": "cooperation"]).data["people"] as? [any Sendable])?.isEmpty == true)
        #expect((try await ana.request("people.search", ["q": "ben"]).data["people"] as? [any Sendable])?.isEmpty == true)
        #expect(try await ana.request("profile.get", ["userId": benUser.id.rawValue]).errorCode == "not_found")
        #expect((try await ben.request("match.suggestions").data["suggestions"] as? [any Sendable])?.isEmpty == true)
        #expect(try await ana.request("dm.send", ["to": benUser.id.rawValue, "text": "hello?"]).errorCode == "forbidden")
        let lounge = try await ben.request("lounge.enter")
        let present = ((lounge.data["snapshot"] as? [String: any Sendable])?["people"] as? [any Sendable]) ?? []
        #expect(present.isEmpty)

        #expect(try await ben.request("block.set", ["userId": anaUser.id.rawValue, "blocked": false]).ok)
        #expect(try await ana.request("dm.send", ["to": benUser.id.rawValue, "text": "hello again"]).ok)
        #expect(try await ana.request("profile.update", ["interests": ["astrology"]]).errorCode == "invalid")
        await server.stop()
    }

    @Test("lounge presence: joiners are announced to those already there")
    func loungePresence() async throws {
        let server = try await TestServer.start()
        let (ana, _, _) = try await server.signedInSocket("Ana")
        #expect(try await ana.request("lounge.enter").ok)
        let (ben, benUser, _) = try await server.signedInSocket("Ben")
        let entered = try await ben.request("lounge.enter")
        #expect(((entered.data["snapshot"] as? [String: any Sendable])?["people"] as? [any Sendable])?.count == 1)
        let joined = try await ana.nextEvent()
        #expect(joined.type == "lounge.joined" && joined.seq == nil)
        #expect(((joined.data["person"] as? [String: any Sendable])?["id"] as? Int64) == benUser.id.rawValue)
        #expect(try await ben.request("lounge.leave").ok)
        #expect(try await ana.nextEvent().type == "lounge.left")
        await server.stop()
    }
}
