import Foundation
import GRDB
import SeminarCore
import SeminarServer
import Testing

/// Every path into a room — `room.enter`, `subscribe room:<id>` and each room action — gives the same answer for every
/// standing: entered, refused (locked out, full), removed, muted, not a member, demoted; and topics cost the hub nothing
/// once nobody follows them.
@Suite("room access on every path")
struct RoomAccessPathTests {
    /// The room actions a person takes part with, and what each sends.
    nonisolated(unsafe) static let actions: [(type: String, data: [String: Any])] = [
        ("chat.send", ["text": "let me in"]), ("chat.history", [:]), ("question.ask", ["text": "a question?"]),
        ("hand.raise", [:]), ("reaction.send", ["emoji": "👏"]),
    ]

    /// The answer (an error code, or "ok") of each room action from `socket` in `room`.
    static func actionCodes(_ socket: TestSocket, room: Int64) async throws -> [String: String] {
        var codes: [String: String] = [:]
        for action in actions {
            var data = action.data
            data["roomId"] = room
            codes[action.type] = try await socket.request(action.type, data).errorCode ?? "ok"
        }
        return codes
    }

    /// `room.enter` and `subscribe room:<id>` answer alike; returns that answer (error code and detail, or "ok").
    static func entryAnswer(_ socket: TestSocket, room: Int64, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let entered = try await socket.request("room.enter", ["roomId": room])
        let answer = entered.errorCode.map { "\($0)/\(entered.error["detail"] as? String ?? "")" } ?? "ok"
        if entered.ok { #expect(try await socket.request("room.leave", ["roomId": room]).ok, sourceLocation: sourceLocation) }
        let subscribed = try await socket.request("subscribe", ["topic": "room:\(room)"])
        let other = subscribed.errorCode.map { "\($0)/\(subscribed.error["detail"] as? String ?? "")" } ?? "ok"
        if subscribed.ok { #expect(try await socket.request("unsubscribe", ["topic": "room:\(room)"]).ok, sourceLocation: sourceLocation) }
        #expect(answer == other, "room.enter said \(answer), subscribe said \(other)", sourceLocation: sourceLocation)
        return answer
    }

    @Test("locked, full and removed: subscribe refuses as room.enter does, and nothing can be sent without entering")
    func lockedFullRemoved() async throws {
        let (server, host) = try await RoomTests.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        let (guest, guestUser, _) = try await server.signedInSocket("Guest")

        #expect(try await host.request("room.lock", ["roomId": 1, "locked": true]).ok)
        #expect(try await Self.entryAnswer(guest, room: 1) == "forbidden/locked")
        #expect(try await Self.actionCodes(guest, room: 1).values.allSatisfy { $0 == "forbidden" })
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": false, "capacity": 1]).ok)
        #expect(try await Self.entryAnswer(guest, room: 1) == "conflict/full")
        #expect(try await host.request("room.lock", ["roomId": 1, "capacity": 0]).ok)
        #expect(try await Self.entryAnswer(guest, room: 1) == "ok")

        // In by subscribe, then removed: out on both paths, and every action refused.
        #expect(try await guest.request("subscribe", ["topic": "room:1"]).ok)
        #expect(try await Self.actionCodes(guest, room: 1).values.allSatisfy { $0 == "ok" })
        #expect(try await host.request("room.remove", ["roomId": 1, "userId": guestUser.id.rawValue]).ok)
        #expect(try await Self.entryAnswer(guest, room: 1) == "forbidden/")
        #expect(try await Self.actionCodes(guest, room: 1).values.allSatisfy { $0 == "forbidden" })
        await server.stop()
    }

    @Test("a re-entry that fails leaves the room rather than going deaf: out of it, and live again on entering anew")
    func failedReentry() async throws {
        let (server, host) = try await RoomTests.setUp { $0.outboxSize = 16 }
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        let (guest, _, _) = try await server.signedInSocket("Guest")
        let entered = try await guest.request("room.enter", ["roomId": 1])
        let seq = try #require(entered.data["seq"] as? Int64)
        for n in 1...10 { #expect(try await host.request("chat.send", ["roomId": 1, "text": "m\(n)"]).ok) }
        _ = try await guest.events(10, topic: "room:1")

        // Entering again from far back would replay more than the outbox takes: refused, and the guest is out.
        let far = try await guest.request("room.enter", ["roomId": 1, "since": seq])
        #expect(far.errorCode == "conflict" && far.error["detail"] as? String == "resync", "\(far.raw)")
        #expect(try await guest.request("chat.send", ["roomId": 1, "text": "still in?"]).errorCode == "forbidden")

        // In again: live events reach the guest.
        #expect(try await guest.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("chat.send", ["roomId": 1, "text": "welcome back"]).ok)
        let back = try await guest.events(1, topic: "room:1")
        #expect((back.first?.data["text"] as? String) == "welcome back")
        await guest.close()
        await host.close()
        await server.stop()
    }

    @Test("muted: in the room and reading, but no chat, question, hand or reaction; subscribe gives the room's snapshot")
    func muted() async throws {
        let (server, host) = try await RoomTests.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        let (guest, guestUser, _) = try await server.signedInSocket("Guest")
        let subscribed = try await guest.request("subscribe", ["topic": "room:1"])
        #expect(((subscribed.data["snapshot"] as? [String: any Sendable])?["room"] as? [String: any Sendable])?["state"] as? String == "live")
        #expect(try await host.request("room.mute", ["roomId": 1, "userId": guestUser.id.rawValue, "minutes": 5]).ok)
        let codes = try await Self.actionCodes(guest, room: 1)
        #expect(codes == ["chat.send": "forbidden", "chat.history": "ok", "question.ask": "forbidden", "hand.raise": "forbidden",
                          "reaction.send": "forbidden"])
        #expect(try await Self.entryAnswer(guest, room: 1) == "ok")
        await server.stop()
    }

    @Test("not a member: a stranger to a meeting table or a breakout group gets in by no path and sends nothing")
    func notAMember() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)  // room 1 is session 1's
        let slots = try await MeetingTests.grid(server)
        let (ana, _) = try await MeetingTests.person(server, "Ana")
        let (ben, benID) = try await MeetingTests.person(server, "Ben")
        let request = try await ana.request("meeting.request", ["to": benID, "slots": [slots[0]]])
        let requestID = try #require((request.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        let accepted = try await ben.request("meeting.accept", ["requestId": requestID, "slot": slots[0]])
        let table = try #require((accepted.data["meeting"] as? [String: any Sendable])?["roomId"] as? Int64)
        #expect(try await ana.request("subscribe", ["topic": "room:\(table)"]).ok)
        #expect(try await ana.request("chat.send", ["roomId": table, "text": "private"]).ok)

        // Not by an export either: an organiser's chat export of the table is empty.
        let (_, _, organiserToken) = try await server.signedInSocket("Exporter", role: .organiser)
        let export = try await HTTP.send("GET", server.http + "/api/export/chat.csv?roomId=\(table)",
                                         headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(export.status == 200 && !String(decoding: export.body, as: UTF8.self).contains("private"))
        for role in [Role.participant, .organiser] {
            let (stranger, _, _) = try await server.signedInSocket("Stranger", role: role)
            #expect(try await Self.entryAnswer(stranger, room: table) == "forbidden/", "\(role)")
            #expect(try await Self.actionCodes(stranger, room: table).values.allSatisfy { $0 == "forbidden" }, "\(role)")
            await stranger.close()
        }

        // A breakout group: its members and the session's hosts.
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        var people: [TestSocket] = []
        for index in 0..<4 {
            let (socket, _, _) = try await server.signedInSocket("B\(index)")
            #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
            people.append(socket)
        }
        let started = try await host.request("breakout.start", ["roomId": 1, "size": 2, "mode": "random", "minutes": 5])
        let groups = (started.data["rooms"] as? [any Sendable] ?? []).compactMap { ($0 as? [String: any Sendable])?["roomId"] as? Int64 }
        #expect(groups.count == 2)
        var answers: [String] = []
        for socket in people { answers.append(try await Self.entryAnswer(socket, room: groups[0])) }
        #expect(answers.sorted() == ["forbidden/", "forbidden/", "ok", "ok"])
        #expect(try await Self.entryAnswer(host, room: groups[0]) == "ok")
        await server.stop()
    }

    @Test("demoted: a former agent's desk subscription ends at once; a former host loses host rights on every path")
    func demoted() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        let hostID = hostUser.id.rawValue
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let (agent, agentUser, _) = try await server.signedInSocket("Agent", role: .agent)
        #expect(try await agent.request("subscribe", ["topic": "desk"]).ok)
        #expect(try await organiser.request("role.set", ["userId": agentUser.id.rawValue, "role": "participant"]).ok)
        var event = try await agent.nextEvent()
        while event.type != "subscription.ended" { event = try await agent.nextEvent() }
        #expect(event.data["topic"] as? String == "desk" && event.data["reason"] as? String == "role")
        #expect(try await agent.request("subscribe", ["topic": "desk"]).errorCode == "forbidden")
        #expect(try await agent.request("desk.queue").errorCode == "forbidden")

        // The host: in their locked room, with a participant's message; then made participant.
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        let (guest, _, _) = try await server.signedInSocket("Guest")
        #expect(try await guest.request("room.enter", ["roomId": 1]).ok)
        let message = try #require(try await guest.request("chat.send", ["roomId": 1, "text": "mine"]).data["messageId"] as? Int64)
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": true]).ok)
        #expect(try await organiser.request("role.set", ["userId": hostID, "role": "participant"]).ok)
        #expect(try await host.request("chat.delete", ["messageId": message]).errorCode == "forbidden")
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": false]).errorCode == "forbidden")
        #expect(try await host.request("room.leave", ["roomId": 1]).ok)
        #expect(try await Self.entryAnswer(host, room: 1) == "forbidden/locked")
        // Made host again, the person hosts no session until given one.
        #expect(try await organiser.request("role.set", ["userId": hostID, "role": "host"]).ok)
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": false]).errorCode == "forbidden")
        await server.stop()
    }

    @Test("an organiser demoted by a participants import loses organiser powers on the open socket at once")
    func demotedByImport() async throws {
        let server = try await TestServer.start()
        let (importer, _, importerToken) = try await server.signedInSocket("Importer", role: .organiser)
        let (other, otherUser, _) = try await server.signedInSocket("Other organiser", role: .organiser)
        #expect(try await other.request("subscribe", ["topic": "desk"]).ok)
        let csv = "email,name,role\n\(otherUser.email),Other organiser,participant\n"
        let response = try await HTTP.send("POST", server.http + "/api/admin/participants", body: Data(csv.utf8),
                                           headers: ["Authorization": "Bearer \(importerToken)", "Content-Type": "text/csv"])
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        var event = try await other.nextEvent()
        while event.type != "subscription.ended" { event = try await other.nextEvent() }
        #expect(event.data["topic"] as? String == "desk")
        let promote = try await other.request("role.set", ["userId": otherUser.id.rawValue, "role": "organiser"])
        #expect(promote.errorCode == "forbidden")
        #expect(try await importer.request("people.list").ok)
        await server.stop()
    }

    @Test("made-up topics are not_found and leave nothing behind; a socket follows a bounded number of topics")
    func topicsCostNothing() async throws {
        let server = try await TestServer.start { $0.subscriptionsPerSocket = 8 }
        try await server.sqlite.writer.write { db in
            for _ in 0..<10 { try db.execute(sql: "INSERT INTO rooms(kind, state, name) VALUES ('channel', 'live', '{\"en\":\"TV\"}')") }
        }
        let (socket, user, _) = try await server.signedInSocket("Curious")
        let baseline = server.server.hub.topicCount
        for name in ["room:999999", "room:0", "room:x", "nonsense", "user:0"] {
            #expect(try await socket.request("subscribe", ["topic": name]).errorCode == "not_found", "\(name)")
        }
        #expect(try await socket.request("subscribe", ["topic": "user:\(user.id.rawValue + 1)"]).errorCode == "forbidden")
        #expect(server.server.hub.topicCount == baseline)

        // Subscribing to and leaving many topics leaves the hub as it was.
        for _ in 0..<3 {
            for room in 1...6 { #expect(try await socket.request("subscribe", ["topic": "room:\(room)"]).ok) }
            for room in 1...6 { #expect(try await socket.request("unsubscribe", ["topic": "room:\(room)"]).ok) }
        }
        #expect(server.server.hub.topicCount == baseline)

        // The bound: 8 topics at once, the ninth refused until one is left.
        for topic in ["seminar", "lounge", "feed", "user:\(user.id.rawValue)"] { #expect(try await socket.request("subscribe", ["topic": topic]).ok) }
        for room in 1...4 { #expect(try await socket.request("room.enter", ["roomId": room]).ok) }
        let ninth = try await socket.request("subscribe", ["topic": "room:5"])
        #expect(ninth.errorCode == "conflict" && ninth.error["detail"] as? String == "subscriptions")
        #expect(try await socket.request("room.enter", ["roomId": 5]).errorCode == "conflict")
        #expect(try await socket.request("subscribe", ["topic": "seminar"]).ok, "a topic already followed is not one more")
        #expect(try await socket.request("unsubscribe", ["topic": "lounge"]).ok)
        #expect(try await socket.request("subscribe", ["topic": "room:5"]).ok)

        // A socket that goes takes its topics with it.
        await socket.close()
        try await withDeadline(10, "the closed socket to leave the hub") { await server.server.hub.waitUntilEmpty() }
        #expect(server.server.hub.topicCount == 0)
        await server.stop()
    }
}
