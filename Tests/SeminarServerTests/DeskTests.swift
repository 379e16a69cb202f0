import Foundation
import SeminarCore
import Testing

/// The next `ticket.updated` on `socket` whose ticket is in `state` (others are skipped).
func ticketUpdate(_ socket: TestSocket, state: String) async throws -> [String: any Sendable] {
    while true {
        if let ticket = try await event(socket, "ticket.updated").data["ticket"] as? [String: any Sendable], ticket["state"] as? String == state {
            return ticket
        }
    }
}

/// The next event of `type` on `socket` (others are skipped).
func event(_ socket: TestSocket, _ type: String, topic: String? = nil, timeout: Double = 20) async throws -> Frame {
    while true {
        let frame = try await socket.nextEvent(timeout: timeout)
        if frame.type == type, topic == nil || frame.topic == topic { return frame }
    }
}

@Suite("the welcome desk")
struct DeskTests {
    @Test("a participant may not follow the desk nor handle tickets; agents and organisers may")
    func access() async throws {
        let server = try await TestServer.start()
        let (participant, _, _) = try await server.signedInSocket("Ana")
        let (host, _, _) = try await server.signedInSocket("Hoa", role: .host)
        let (agent, _, _) = try await server.signedInSocket("Agent", role: .agent)
        for socket in [participant, host] {
            #expect(try await socket.request("subscribe", ["topic": "desk"]).errorCode == "forbidden")
            for type in ["desk.queue", "desk.claim", "desk.release", "desk.guide"] {
                #expect(try await socket.request(type, ["ticketId": 1]).errorCode == "forbidden", "\(type)")
            }
            #expect(try await socket.request("desk.stats").errorCode == "forbidden")
            #expect(try await socket.request("faq.upsert", ["question": ["en": "Q"], "answer": ["en": "A"]]).errorCode == "forbidden")
        }
        #expect(try await agent.request("subscribe", ["topic": "desk"]).ok)
        // Someone else's ticket stays private.
        let (eve, _, _) = try await server.signedInSocket("Eve")
        let ticket = try await participant.request("desk.ask", ["text": "Help"]).data["ticket"] as? [String: any Sendable]
        let id = try #require(ticket?["id"] as? Int64)
        #expect(try await eve.request("desk.ticket", ["ticketId": id]).errorCode == "forbidden")
        #expect(try await eve.request("desk.message", ["ticketId": id, "text": "hi"]).errorCode == "forbidden")
        #expect(try await eve.request("desk.resolve", ["ticketId": id]).errorCode == "forbidden")
        await server.stop()
    }

    @Test("ask → queue position → claim → chat → take me there → resolve, live for both, transcript kept")
    func ticketFlow() async throws {
        let server = try await TestServer.start { $0.demo = true; $0.demoDirectory = Self.demoDirectory }
        let (ana, anaUser, _) = try await server.signedInSocket("Ana")
        let (ben, benUser, _) = try await server.signedInSocket("Ben")
        let (agent, agentUser, _) = try await server.signedInSocket("Agent", role: .agent)
        #expect(try await ana.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok)
        #expect(try await ben.request("subscribe", ["topic": "user:\(benUser.id.rawValue)"]).ok)
        #expect(try await agent.request("subscribe", ["topic": "user:\(agentUser.id.rawValue)"]).ok)
        let queue = try await agent.request("subscribe", ["topic": "desk"])
        #expect((queue.data["snapshot"] as? [String: any Sendable])?["agentsOnline"] as? Int64 == 1)

        let asked = try await ana.request("desk.ask", ["text": "Where is the Town Hall?", "page": "#/room/3", "roomId": 3], key: "ask-1")
        let ticket = try #require(asked.data["ticket"] as? [String: any Sendable])
        let id = try #require(ticket["id"] as? Int64)
        #expect(ticket["position"] as? Int64 == 1 && ticket["state"] as? String == "waiting" && ticket["page"] as? String == "#/room/3")
        #expect((ticket["estimatedWaitMs"] as? Int64 ?? 0) > 0)
        let retried = try await ana.request("desk.ask", ["text": "Where is the Town Hall?"], key: "ask-1")
        #expect((retried.data["ticket"] as? [String: any Sendable])?["id"] as? Int64 == id)
        let opened = try await event(agent, "ticket.updated", topic: "desk")
        #expect((opened.data["ticket"] as? [String: any Sendable])?["text"] as? String == "Where is the Town Hall?")

        let second = try await ben.request("desk.ask", ["text": "My microphone"])
        #expect((second.data["ticket"] as? [String: any Sendable])?["position"] as? Int64 == 2)

        #expect(try await agent.request("desk.claim", ["ticketId": id]).ok)
        #expect(try await agent.request("desk.claim", ["ticketId": id]).errorCode == "conflict")
        let claimed = try await ticketUpdate(ana, state: "claimed")
        #expect((claimed["agent"] as? [String: any Sendable])?["displayName"] as? String == "Agent")
        // Ben moves up to first place.
        var moved = try await event(ben, "desk.position")
        while moved.data["position"] as? Int64 != 1 { moved = try await event(ben, "desk.position") }
        #expect(moved.seq == nil && (moved.data["estimatedWaitMs"] as? Int64 ?? 0) > 0)

        #expect(try await ana.request("desk.message", ["ticketId": id, "text": "Thank you"]).ok)
        #expect(try await event(agent, "desk.message", topic: "user:\(agentUser.id.rawValue)").data["text"] as? String == "Thank you")
        #expect(try await agent.request("desk.guide", ["ticketId": id, "roomId": 99_999]).errorCode == "not_found")
        #expect(try await agent.request("desk.guide", ["ticketId": id, "hash": "javascript:alert(1)"]).errorCode == "invalid")
        #expect(try await agent.request("desk.guide", ["ticketId": id, "roomId": 3, "text": "Follow me"]).ok)
        var reply = try await event(ana, "desk.message")
        while reply.data["link"] == nil { reply = try await event(ana, "desk.message") }
        let link = try #require(reply.data["link"] as? [String: any Sendable])
        #expect(link["hash"] as? String == "#/room/3" && link["kind"] as? String == "room" && reply.data["text"] as? String == "Follow me")
        #expect(try await ana.request("desk.guide", ["ticketId": id, "roomId": 3]).errorCode == "forbidden")

        #expect(try await agent.request("desk.resolve", ["ticketId": id]).ok)
        #expect(try await ana.request("desk.message", ["ticketId": id, "text": "late"]).errorCode == "conflict")
        let transcript = try await ana.request("desk.ticket")
        #expect((transcript.data["messages"] as? [any Sendable])?.count == 2)
        #expect((transcript.data["ticket"] as? [String: any Sendable])?["state"] as? String == "resolved")
        let stats = try await server.signedInSocket("Org", role: .organiser).socket.request("desk.stats")
        #expect(stats.data["waiting"] as? Int64 == 1 && stats.data["resolvedToday"] as? Int64 == 1)
        #expect((stats.data["agents"] as? [any Sendable])?.count == 1)
        await server.stop()
    }

    @Test("a desk conversation read on one device is read on the others: the mark is the person's, told on their topic")
    func readMarks() async throws {
        let server = try await TestServer.start()
        let (phone, anaUser, anaToken) = try await server.signedInSocket("Ana")
        let laptop = try await TestSocket.connect(server.ws)
        #expect(try await laptop.request("hello", ["token": anaToken]).ok)
        let (agent, _, _) = try await server.signedInSocket("Agent", role: .agent)
        let (stranger, _, _) = try await server.signedInSocket("Stranger")
        for socket in [phone, laptop] { #expect(try await socket.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok) }
        let asked = try await phone.request("desk.ask", ["text": "Where is the plenary?"])
        let id = try #require((asked.data["ticket"] as? [String: any Sendable])?["id"] as? Int64)
        #expect(try await agent.request("desk.claim", ["ticketId": id]).ok)
        for text in ["Hello Ana", "It is in room 3"] { #expect(try await agent.request("desk.message", ["ticketId": id, "text": text]).ok) }
        let before = try await laptop.request("desk.ticket")
        #expect(before.data["unread"] as? Int64 == 2)
        let last = try #require((before.data["messages"] as? [[String: any Sendable]])?.last?["id"] as? Int64)

        // Refused: nothing changes.
        #expect(try await stranger.request("desk.read", ["ticketId": id, "upTo": last]).errorCode == "forbidden")
        #expect(try await phone.request("desk.read", ["ticketId": id]).error["field"] as? String == "upTo")
        #expect(try await phone.request("desk.read", ["ticketId": id, "upTo": last + 100]).errorCode == "not_found")
        #expect(try await laptop.request("desk.ticket").data["unread"] as? Int64 == 2)

        let read = try await phone.request("desk.read", ["ticketId": id, "upTo": last])
        #expect(read.data["upTo"] as? Int64 == last)
        let told = try await event(laptop, "desk.read", topic: "user:\(anaUser.id.rawValue)")
        #expect(told.data["ticketId"] as? Int64 == id && told.data["upTo"] as? Int64 == last)
        let after = try await laptop.request("desk.ticket")
        #expect(after.data["unread"] as? Int64 == 0 && after.data["readUpTo"] as? Int64 == last)
        // An older tab's late mark does not move it back.
        #expect(try await laptop.request("desk.read", ["ticketId": id, "upTo": last - 1]).data["upTo"] as? Int64 == last)
        await server.stop()
    }

    @Test("a ticket whose agent disconnects goes back to the queue, in its place")
    func agentDisconnect() async throws {
        let server = try await TestServer.start { $0.deskRequeueSeconds = 0 }
        let (ana, anaUser, _) = try await server.signedInSocket("Ana")
        let (agent, _, _) = try await server.signedInSocket("Agent", role: .agent)
        let (watcher, _, _) = try await server.signedInSocket("Other agent", role: .agent)
        #expect(try await ana.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok)
        #expect(try await watcher.request("subscribe", ["topic": "desk"]).ok)
        let id = try #require(((try await ana.request("desk.ask", ["text": "Help"])).data["ticket"] as? [String: any Sendable])?["id"] as? Int64)
        #expect(try await agent.request("desk.claim", ["ticketId": id]).ok)
        _ = try await ticketUpdate(ana, state: "claimed")
        await agent.close()
        let ticket = try await ticketUpdate(ana, state: "waiting")
        #expect(ticket["position"] as? Int64 == 1 && ticket["agent"] == nil && ticket["claimedAt"] == nil)
        let queue = try await watcher.request("desk.queue")
        #expect((queue.data["waiting"] as? [any Sendable])?.count == 1)
        await server.stop()
    }

    @Test("unclaimed and claimed tickets survive a restart; claimed ones go back to the queue")
    func restart() async throws {
        let server = try await TestServer.start { $0.deskRequeueSeconds = 0 }
        let (ana, _, anaToken) = try await server.signedInSocket("Ana")
        let (ben, _, _) = try await server.signedInSocket("Ben")
        let (agent, _, _) = try await server.signedInSocket("Agent", role: .agent)
        let first = try #require(((try await ana.request("desk.ask", ["text": "One"])).data["ticket"] as? [String: any Sendable])?["id"] as? Int64)
        _ = try await ben.request("desk.ask", ["text": "Two"])
        #expect(try await agent.request("desk.claim", ["ticketId": first]).ok)
        let directory = server.dataDirectory
        await server.stop(keepData: true)
        let again = try await TestServer.start(dataDirectory: directory) { $0.deskRequeueSeconds = 0 }
        let socket = try await TestSocket.connect(again.ws)
        #expect(try await socket.request("hello", ["token": anaToken]).ok)
        // The requeue after the restart is a background task: wait on its event, not on time.
        let (watch, _, _) = try await again.signedInSocket("Org", role: .organiser)
        #expect(try await watch.request("subscribe", ["topic": "desk", "since": 0]).ok)
        var waiting = 0
        while waiting < 2 {
            let queue = try await watch.request("desk.queue")
            waiting = (queue.data["waiting"] as? [any Sendable])?.count ?? 0
            if waiting < 2 { _ = try await event(watch, "ticket.updated", topic: "desk") }
        }
        let mine = try await socket.request("desk.ticket")
        #expect((mine.data["ticket"] as? [String: any Sendable])?["position"] as? Int64 == 1)
        await again.stop()
    }

    @Test("the guide says what is live and next, the desk's hours, and the FAQ is searchable in any language")
    func guideAndFaq() async throws {
        let server = try await TestServer.start { $0.demo = true; $0.demoDirectory = Self.demoDirectory }
        let (ana, _, _) = try await server.signedInSocket("Ana")
        let guide = try await ana.request("guide.now")
        #expect(guide.ok)
        #expect(!((guide.data["now"] as? [any Sendable]) ?? []).isEmpty)
        #expect(((guide.data["next"] as? [any Sendable]) ?? []).count == 5)
        // A session started early shows once: under live now, no longer under coming up next.
        let early = try #require(((guide.data["next"] as? [[String: any Sendable]]) ?? []).first)
        let (host, _, _) = try await server.signedInSocket("Host", role: .organiser)
        #expect(try await host.request("room.open", ["roomId": try #require(early["roomId"] as? Int64)]).ok)
        #expect(try await host.request("room.start", ["roomId": try #require(early["roomId"] as? Int64)]).ok)
        let again = try await ana.request("guide.now")
        let ids = { (key: String) in ((again.data[key] as? [[String: any Sendable]]) ?? []).compactMap { $0["id"] as? Int64 } }
        #expect(ids("now").contains(early["id"] as? Int64 ?? -1) && !ids("next").contains(early["id"] as? Int64 ?? -1))
        let desk = try #require(guide.data["desk"] as? [String: any Sendable])
        #expect(desk["opens"] as? String == "08:00" && desk["timeZone"] as? String == "Europe/Madrid")
        let all = try await ana.request("faq.list")
        #expect(((all.data["entries"] as? [any Sendable]) ?? []).count >= 5)
        let found = try await ana.request("faq.list", ["q": "RESERVER rencontre"])
        #expect(((found.data["entries"] as? [any Sendable]) ?? []).count == 1)
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        #expect(try await org.request("faq.upsert", ["question": ["fr": ""], "answer": ["en": "A"]]).error["field"] as? String == "question")
        let added = try await org.request("faq.upsert", ["question": ["es": "¿Hay interpretación?"], "answer": ["es": "Sí, en tres idiomas."]])
        let id = try #require(added.data["id"] as? Int64)
        let matching = (try await ana.request("faq.list", ["q": "interpretacion"])).data["entries"] as? [[String: any Sendable]]
        #expect(matching?.contains { $0["id"] as? Int64 == id } == true)
        #expect(((try await ana.request("faq.list", ["q": "interpretacion zzz"])).data["entries"] as? [any Sendable])?.isEmpty == true)
        #expect(try await org.request("faq.delete", ["id": id]).ok)
        #expect(try await org.request("faq.delete", ["id": id]).errorCode == "not_found")
        await server.stop()
    }

    static var demoDirectory: String { FileManager.default.currentDirectoryPath + "/Config/demo" }
}
