import Foundation
import SeminarCore
import Testing

/// Security review, issue 21, finding 7: nobody can pass for the host — names that show nothing or turn the text
/// around are refused, and hosts, organisers and agents carry a badge from the server wherever they speak.
@Suite("names and badges")
struct NameAndBadgeTests {
    static let hiddenOrReordering = ["\u{202E}tsoH", "\u{2066}Host\u{2069}", "Host\u{200F}", "\u{200B}\u{200D}", "\u{301}\u{302}", "\u{FEFF}", "Ho\nst"]

    @Test("sign-up refuses a name that shows nothing or reorders text, naming displayName; nothing is created")
    func signUp() async throws {
        let server = try await TestServer.start()
        let url = server.http + "/api/register"
        for (index, name) in Self.hiddenOrReordering.enumerated() {
            let reply = try await HTTP.send("POST", url, json: ["email": "n\(index)@example.org", "password": "long enough", "displayName": name])
            #expect(reply.status == 400 && reply.errorCode == "invalid" && reply.errorField == "displayName", "\(name.unicodeScalars.map(\.value))")
            #expect(try await server.database.user(email: "n\(index)@example.org") == nil)
        }
        let fine = try await HTTP.send("POST", url, json: ["email": "ok@example.org", "password": "long enough", "displayName": "محمد الحسن"])
        #expect(fine.status == 201)
        await server.stop()
    }

    @Test("profile.update refuses such a name with invalid on displayName, and the name stays")
    func profileUpdate() async throws {
        let server = try await TestServer.start()
        let (socket, user, _) = try await server.signedInSocket("Ana Lima")
        for name in Self.hiddenOrReordering {
            let reply = try await socket.request("profile.update", ["displayName": name])
            #expect(reply.errorCode == "invalid" && reply.error["field"] as? String == "displayName", "\(name.unicodeScalars.map(\.value))")
        }
        #expect(try await server.database.user(email: user.email)?.displayName == "Ana Lima")
        #expect(try await socket.request("profile.update", ["displayName": "Ana Lima Souza"]).data["displayName"] as? String == "Ana Lima Souza")
        await server.stop()
    }

    @Test("room chat and questions: the room's host and organisers carry a badge; a namesake and another room's host do not")
    func roomBadges() async throws {
        let (server, host) = try await RoomTests.setUp() // "Host", host of session 1 (room 1)
        let (namesake, _, _) = try await server.signedInSocket("Host")
        let (otherHost, _, _) = try await server.signedInSocket("Hoa", role: .host)
        let (organiser, _, _) = try await server.signedInSocket("Org", role: .organiser)
        let (listener, _, _) = try await server.signedInSocket("Listener")
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        for socket in [namesake, otherHost, organiser, listener] { #expect(try await socket.request("room.enter", ["roomId": 1]).ok) }

        let speakers: [(TestSocket, String, String?)] = [(host, "from the host", "host"), (namesake, "from the namesake", nil),
                                                         (otherHost, "from another room's host", nil), (organiser, "from the organiser", "organiser")]
        for (socket, text, badge) in speakers {
            #expect(try await socket.request("chat.send", ["roomId": 1, "text": text]).ok)
            let message = try await event(listener, "chat.message").data
            let author = try #require(message["author"] as? [String: any Sendable])
            #expect(message["text"] as? String == text && author["badge"] as? String == badge, "\(text)")
        }
        #expect(try await host.request("question.ask", ["roomId": 1, "text": "A host's question?"]).ok)
        let asked = try await event(listener, "question.asked").data["question"] as? [String: any Sendable]
        #expect((asked?["author"] as? [String: any Sendable])?["badge"] as? String == "host")
        #expect(try await namesake.request("question.ask", ["roomId": 1, "text": "A namesake's question?"]).ok)
        let namesakes = try await event(listener, "question.asked").data["question"] as? [String: any Sendable]
        #expect((namesakes?["author"] as? [String: any Sendable])?.keys.contains("badge") == false)

        // Snapshots and history read the badges anew.
        let (late, _, _) = try await server.signedInSocket("Late")
        let snapshot = try await late.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        let badges = (snapshot?["chat"] as? [any Sendable] ?? []).compactMap { ($0 as? [String: any Sendable])?["author"] as? [String: any Sendable] }
            .map { $0["badge"] as? String ?? "-" }
        #expect(badges == ["host", "-", "-", "organiser"])
        let questions = (snapshot?["questions"] as? [any Sendable] ?? []).compactMap { ($0 as? [String: any Sendable])?["author"] as? [String: any Sendable] }
        #expect(Set(questions.map { $0["badge"] as? String ?? "-" }) == ["host", "-"])
        let history = try await late.request("chat.history", ["roomId": 1]).data["messages"] as? [any Sendable]
        #expect(history?.compactMap { (($0 as? [String: any Sendable])?["author"] as? [String: any Sendable])?["badge"] as? String } == ["host", "organiser"])
        await server.stop()
    }

    @Test("desk messages, hub comments and direct messages carry the author's role badge; participants none")
    func otherBadges() async throws {
        let server = try await TestServer.start()
        let (ana, anaUser, _) = try await server.signedInSocket("Ana")
        let (agent, agentUser, _) = try await server.signedInSocket("Agent", role: .agent)
        let (organiser, _, _) = try await server.signedInSocket("Org", role: .organiser)
        #expect(try await ana.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok)

        let ticket = try await ana.request("desk.ask", ["text": "Where is the plenary?"]).data["ticket"] as? [String: any Sendable]
        let ticketId = try #require(ticket?["id"] as? Int64)
        #expect(try await agent.request("desk.claim", ["ticketId": ticketId]).ok)
        #expect(try await agent.request("desk.message", ["ticketId": ticketId, "text": "Room A"]).ok)
        let deskMessage = try await event(ana, "desk.message").data
        #expect((deskMessage["author"] as? [String: any Sendable])?["badge"] as? String == "agent")
        #expect(try await ana.request("desk.message", ["ticketId": ticketId, "text": "Thanks"]).ok)
        let transcript = try await ana.request("desk.ticket", ["ticketId": ticketId]).data["messages"] as? [any Sendable] ?? []
        #expect(transcript.compactMap { (($0 as? [String: any Sendable])?["author"] as? [String: any Sendable]).map { $0["badge"] as? String ?? "-" } }
                == ["agent", "-"])

        #expect(try await agent.request("dm.send", ["to": anaUser.id.rawValue, "text": "Hello from the desk"]).ok)
        let dm = try await event(ana, "dm.message").data
        #expect((dm["from"] as? [String: any Sendable])?["badge"] as? String == "agent")
        #expect((dm["to"] as? [String: any Sendable])?.keys.contains("badge") == false)
        let dms = try await ana.request("dm.history", ["with": agentUser.id.rawValue]).data["messages"] as? [any Sendable]
        #expect(((dms?.first as? [String: any Sendable])?["from"] as? [String: any Sendable])?["badge"] as? String == "agent")

        let post: [String: Any] = ["kind": "news", "title": "Welcome", "body": "Hello.", "lang": "en", "tags": []]
        let postId = try #require(try await organiser.request("feed.post", post).data["id"] as? Int64)
        #expect(try await ana.request("feed.comment", ["postId": postId, "text": "Thanks"]).ok)
        #expect(try await organiser.request("feed.comment", ["postId": postId, "text": "Welcome"]).ok)
        let full = try await ana.request("feed.get", ["postId": postId]).data["post"] as? [String: any Sendable]
        #expect((full?["author"] as? [String: any Sendable])?["badge"] as? String == "organiser")
        let comments = (full?["comments"] as? [any Sendable] ?? []).compactMap { ($0 as? [String: any Sendable])?["author"] as? [String: any Sendable] }
        #expect(comments.map { $0["badge"] as? String ?? "-" } == ["-", "organiser"])
        await server.stop()
    }
}
