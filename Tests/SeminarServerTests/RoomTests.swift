import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("live session rooms")
struct RoomTests {
    /// A server with the test program; room 1 belongs to session 1, whose host is returned.
    static func setUp(_ configure: (inout Settings) -> Void = { _ in }) async throws -> (server: TestServer, host: TestSocket) {
        let server = try await TestServer.start(configure)
        try await ProgramTests.load(server)
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        return (server, host)
    }

    @Test("host opens and starts; participants enter, chat goes to 200 clients once and in order")
    func chatFanOut() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        let open = try await host.request("room.open", ["roomId": 1])
        #expect(open.ok && open.data["state"] as? String == "open")
        #expect(try await host.request("room.start", ["roomId": 1]).data["state"] as? String == "live")

        var listeners: [TestSocket] = []
        for index in 0..<200 {
            let (socket, _, _) = try await server.signedInSocket("L\(index)")
            let entered = try await socket.request("room.enter", ["roomId": 1])
            #expect(entered.ok)
            listeners.append(socket)
        }
        let snapshot = try await listeners[0].request("room.enter", ["roomId": 1])
        #expect(((snapshot.data["snapshot"] as? [String: any Sendable])?["room"] as? [String: any Sendable])?["state"] as? String == "live")

        let (speaker, _, _) = try await server.signedInSocket("Speaker")
        #expect(try await speaker.request("room.enter", ["roomId": 1]).ok)
        var sent: [Int64] = []
        for n in 1...10 {
            let reply = try await speaker.request("chat.send", ["roomId": 1, "text": "message \(n)"])
            #expect(reply.ok)
            sent.append(try #require(reply.data["seq"] as? Int64))
        }
        for socket in listeners {
            let events = try await socket.events(10, topic: "room:1")
            #expect(events.map { $0.seq ?? 0 } == sent)
            #expect(events.map { $0.data["text"] as? String } == (1...10).map { "message \($0)" })
        }
        await server.stop()
    }

    @Test("chat history pages backwards; an ended room refuses chat; delete by author and host")
    func historyAndStates() async throws {
        let (server, host) = try await Self.setUp()
        let (socket, _, _) = try await server.signedInSocket("Chatter")
        #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
        let closed = try await socket.request("chat.send", ["roomId": 1, "text": "too early"])
        #expect(closed.errorCode == "conflict")
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        var ids: [Int64] = []
        for n in 1...120 {
            ids.append(try #require(try await socket.request("chat.send", ["roomId": 1, "text": "m\(n)"]).data["messageId"] as? Int64))
        }
        let (late, _, _) = try await server.signedInSocket("Late")
        let entered = try await late.request("room.enter", ["roomId": 1])
        let chat = ((entered.data["snapshot"] as? [String: any Sendable])?["chat"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(chat.count == 50 && chat.first?["text"] as? String == "m71" && chat.last?["text"] as? String == "m120")
        let page = try await late.request("chat.history", ["roomId": 1, "before": try #require(chat.first?["id"] as? Int64)])
        let older = (page.data["messages"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(older.count == 50 && older.first?["text"] as? String == "m21" && older.last?["text"] as? String == "m70")
        #expect(page.data["more"] as? Bool == true || page.data["more"] as? Int64 == 1)
        let last = try await late.request("chat.history", ["roomId": 1, "before": try #require(older.first?["id"] as? Int64)])
        #expect((last.data["messages"] as? [any Sendable])?.count == 20)

        #expect(try await late.request("chat.delete", ["messageId": ids[0]]).errorCode == "forbidden")
        #expect(try await socket.request("chat.delete", ["messageId": ids[0]]).ok)
        #expect(try await host.request("chat.delete", ["messageId": ids[1]]).ok)

        #expect(try await host.request("room.end", ["roomId": 1]).ok)
        let ended = try await socket.request("chat.send", ["roomId": 1, "text": "after the end"])
        #expect(ended.errorCode == "conflict")
        #expect(try await host.request("room.start", ["roomId": 1]).errorCode == "conflict")
        await server.stop()
    }

    @Test("questions: one vote each, ordered by votes then age; host answers and hides")
    func questions() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        var people: [TestSocket] = []
        for index in 0..<3 {
            let (socket, _, _) = try await server.signedInSocket("Q\(index)")
            #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
            people.append(socket)
        }
        let first = try #require(try await people[0].request("question.ask", ["roomId": 1, "text": "First?"]).data["id"] as? Int64)
        let second = try #require(try await people[1].request("question.ask", ["roomId": 1, "text": "Second?"]).data["id"] as? Int64)
        let third = try #require(try await people[2].request("question.ask", ["roomId": 1, "text": "Third?"]).data["id"] as? Int64)
        #expect(try await people[0].request("question.vote", ["questionId": third]).ok)
        #expect(try await people[1].request("question.vote", ["questionId": third]).ok)
        #expect(try await people[2].request("question.vote", ["questionId": second]).ok)
        #expect(try await people[2].request("question.vote", ["questionId": second]).errorCode == "conflict")
        #expect(try await people[0].request("question.answer", ["questionId": first]).errorCode == "forbidden")
        #expect(try await host.request("question.answer", ["questionId": third]).ok)
        #expect(try await host.request("question.hide", ["questionId": first]).ok)

        let (viewer, _, _) = try await server.signedInSocket("Viewer")
        let snapshot = try await viewer.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        let questions = (snapshot?["questions"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(questions.map { $0["text"] as? String } == ["Third?", "Second?"])
        #expect(questions.first?["answered"] as? Bool == true)
        let hostView = try await host.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        #expect((hostView?["questions"] as? [any Sendable])?.count == 3)
        await server.stop()
    }

    @Test("polls: results live, one vote each, word clouds, closed polls refuse votes")
    func polls() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (voter, _, _) = try await server.signedInSocket("Voter")
        #expect(try await voter.request("room.enter", ["roomId": 1]).ok)
        #expect(try await voter.request("poll.create", ["roomId": 1, "question": "?", "options": ["a", "b"]]).errorCode == "forbidden")
        #expect(try await host.request("poll.create", ["roomId": 1, "question": "Which?", "options": ["only one"]]).errorCode == "invalid")
        let poll = try #require(try await host.request("poll.create", ["roomId": 1, "question": "Which continent?", "options": ["Africa", "Europe", "Asia-Pacific"]]).data["id"] as? Int64)
        let voted = try await voter.request("poll.vote", ["pollId": poll, "option": 2])
        #expect(voted.ok && (voted.data["counts"] as? [any Sendable])?.compactMap { $0 as? Int64 } == [0, 0, 1])
        #expect(try await voter.request("poll.vote", ["pollId": poll, "option": 1]).errorCode == "conflict")
        #expect(try await host.request("poll.vote", ["pollId": poll, "option": 7]).errorCode == "invalid")
        let events = try await host.events(3, topic: "room:1")
        #expect(events.map(\.type) == ["room.state", "poll.created", "poll.results"])

        let cloud = try #require(try await host.request("poll.create", ["roomId": 1, "question": "One word for UCLG", "kind": "words"]).data["id"] as? Int64)
        #expect(try await voter.request("poll.vote", ["pollId": cloud, "words": ["Solidarité", "réseau", "solidarité"]]).ok)
        let words = try await host.request("poll.vote", ["pollId": cloud, "words": ["solidarité"]])
        let list = (words.data["words"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(list.first?["word"] as? String == "solidarité" && list.first?["count"] as? Int64 == 2)
        #expect(try await voter.request("poll.vote", ["pollId": cloud, "words": ["a", "b", "c", "d"]]).errorCode == "invalid")
        #expect(try await host.request("poll.close", ["pollId": poll]).ok)
        let (late, _, _) = try await server.signedInSocket("Late")
        #expect(try await late.request("room.enter", ["roomId": 1]).ok)
        #expect(try await late.request("poll.vote", ["pollId": poll, "option": 0]).errorCode == "conflict")
        await server.stop()
    }

    @Test("the room's head count goes out at most once a second, however many enter at once")
    func presenceThrottled() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (listener, _, _) = try await server.signedInSocket("Listener")
        #expect(try await listener.request("room.enter", ["roomId": 1]).ok)
        let started = ContinuousClock.now
        var joiners: [TestSocket] = []
        for index in 0..<40 {
            let (socket, _, _) = try await server.signedInSocket("J\(index)")
            #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
            joiners.append(socket)
        }
        // Presence events until the count includes everyone (the listener and the 40).
        var presences = 0
        while true {
            let event = try await listener.nextEvent(timeout: 10)
            guard event.topic == "room:1", event.type == "presence" else { continue }
            presences += 1
            if event.data["present"] as? Int64 == 41 { break }
        }
        // And any still on their way (each join scheduling its own would bring the rest now).
        while let event = try? await listener.nextEvent(timeout: 2) {
            if event.topic == "room:1", event.type == "presence" { presences += 1 }
        }
        let seconds = Double((ContinuousClock.now - started).components.seconds) + 1
        // Once per join would be 40 events; throttled, at most one per second of joining (and one more).
        #expect(Double(presences) <= seconds + 1, "\(presences) presence events in \(seconds) s")
        #expect(presences < 40)
        for socket in joiners { await socket.close() }
        await server.stop()
    }

    @Test("the list of who is there: hosts first with badges, each person once, only for those in, new after each change")
    func peopleList() async throws {
        let (server, host) = try await Self.setUp()
        let (ana, _, anaToken) = try await server.signedInSocket("Ana")
        let anaAgain = try await TestSocket.connect(server.ws)
        #expect(try await anaAgain.request("hello", ["token": anaToken]).ok)
        let (bruno, _, _) = try await server.signedInSocket("bruno")
        let names = { (socket: TestSocket) async throws -> ([String], [String?], Int64?) in
            let reply = try await socket.request("room.people", ["roomId": 1])
            let people = (reply.data["people"] as? [[String: any Sendable]]) ?? []
            return (people.compactMap { $0["displayName"] as? String }, people.map { $0["badge"] as? String }, reply.data["count"] as? Int64)
        }
        #expect(try await ana.request("room.people", ["roomId": 1]).errorCode == "forbidden")  // not in
        for socket in [ana, anaAgain, bruno, host] { #expect(try await socket.request("room.enter", ["roomId": 1]).ok) }
        let (shown, badges, count) = try await names(ana)
        #expect(shown == ["Host", "Ana", "bruno"] && badges == ["host", nil, nil] && count == 3)
        #expect(try await bruno.request("room.leave", ["roomId": 1]).ok)
        let after = try await names(ana)
        #expect(after.0 == ["Host", "Ana"] && after.2 == 2)
        await server.stop()
    }

    @Test("present counts people, not sockets: one person in two tabs and another are two; a full room still lets in a second tab")
    func presentCountsPeople() async throws {
        let (server, host) = try await Self.setUp()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        let (ana, _, anaToken) = try await server.signedInSocket("Ana")
        let anaAgain = try await TestSocket.connect(server.ws)
        #expect(try await anaAgain.request("hello", ["token": anaToken]).ok)
        let (bruno, _, _) = try await server.signedInSocket("Bruno")
        #expect(try await ana.request("room.enter", ["roomId": 1]).ok)
        #expect(try await anaAgain.request("room.enter", ["roomId": 1]).ok)
        let entered = try await bruno.request("room.enter", ["roomId": 1])
        #expect((entered.data["snapshot"] as? [String: any Sendable])?["present"] as? Int64 == 2)

        // The presence events on Ana's first tab end at 2, never counting her twice.
        while true {
            let event = try await ana.nextEvent(timeout: 10)
            guard event.topic == "room:1", event.type == "presence", let present = event.data["present"] as? Int64 else { continue }
            #expect(present <= 2)
            if present == 2 { break }
        }
        let stats = try await org.request("admin.stats")
        let room = try #require((stats.data["rooms"] as? [[String: any Sendable]])?.first { $0["roomId"] as? Int64 == 1 })
        #expect(room["present"] as? Int64 == 2 && room["peak"] as? Int64 == 2)

        #expect(try await host.request("room.lock", ["roomId": 1, "capacity": 2]).ok)
        let anaThird = try await TestSocket.connect(server.ws)
        #expect(try await anaThird.request("hello", ["token": anaToken]).ok)
        let third = try await anaThird.request("room.enter", ["roomId": 1])
        #expect(third.ok && (third.data["snapshot"] as? [String: any Sendable])?["present"] as? Int64 == 2)
        let (carla, _, _) = try await server.signedInSocket("Carla")
        let full = try await carla.request("room.enter", ["roomId": 1])
        #expect(full.errorCode == "conflict" && full.error["detail"] as? String == "full")

        // Ana is still in while one of her tabs is.
        #expect(try await ana.request("room.leave", ["roomId": 1]).ok)
        #expect(try await anaAgain.request("room.leave", ["roomId": 1]).ok)
        let still = try await bruno.request("room.enter", ["roomId": 1])
        #expect((still.data["snapshot"] as? [String: any Sendable])?["present"] as? Int64 == 2)
        #expect(try await anaThird.request("room.leave", ["roomId": 1]).ok)
        let alone = try await bruno.request("room.enter", ["roomId": 1])
        #expect((alone.data["snapshot"] as? [String: any Sendable])?["present"] as? Int64 == 1)
        await server.stop()
    }

    @Test("every host-only type is refused to a participant and to the host of another room")
    func hostOnlyMatrix() async throws {
        let (server, _) = try await Self.setUp()
        let (participant, _, _) = try await server.signedInSocket("P")
        let (otherHost, otherUser, _) = try await server.signedInSocket("Other host", role: .host)
        try await server.database.addHost(user: otherUser.id, session: SessionID(2))
        let requests: [(String, [String: Any])] = [
            ("room.open", ["roomId": 1]), ("room.start", ["roomId": 1]), ("room.end", ["roomId": 1]),
            ("room.lock", ["roomId": 1, "locked": true]), ("room.stream.set", ["roomId": 1, "language": "fr", "url": "https://cdn.example.org/a.m3u8"]),
            ("room.pin", ["roomId": 1, "messageId": NSNull()]), ("room.mute", ["roomId": 1, "userId": 1, "minutes": 5]),
            ("room.remove", ["roomId": 1, "userId": 1]), ("poll.create", ["roomId": 1, "question": "q", "options": ["a", "b"]]),
            ("hand.grant", ["roomId": 1, "userId": 1]),
        ]
        for (type, data) in requests {
            #expect(try await participant.request(type, data).errorCode == "forbidden", "\(type) as participant")
            #expect(try await otherHost.request(type, data).errorCode == "forbidden", "\(type) as another room's host")
        }
        await server.stop()
    }

    @Test("lock, capacity, mute and remove keep people out; streams are checked")
    func moderation() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (guest, guestUser, _) = try await server.signedInSocket("Guest")
        #expect(try await guest.request("room.enter", ["roomId": 1]).ok)

        #expect(try await host.request("room.stream.set", ["roomId": 1, "language": "fr", "url": "javascript:alert(1)"]).errorCode == "invalid")
        #expect(try await host.request("room.stream.set", ["roomId": 1, "language": "xx", "url": "https://cdn.example.org/live.m3u8"]).errorCode == "invalid")
        let stream = try await host.request("room.stream.set", ["roomId": 1, "language": "fr", "url": "https://cdn.example.org/live.m3u8"])
        #expect((stream.data["streams"] as? [String: any Sendable])?["fr"] as? String == "https://cdn.example.org/live.m3u8")

        #expect(try await host.request("room.mute", ["roomId": 1, "userId": guestUser.id.rawValue, "minutes": 10]).ok)
        let muted = try await guest.request("chat.send", ["roomId": 1, "text": "hello?"])
        #expect(muted.errorCode == "forbidden" && (muted.error["retryAfterMs"] as? Int64 ?? 0) > 0)
        #expect(try await host.request("room.mute", ["roomId": 1, "userId": guestUser.id.rawValue, "minutes": 0]).ok)
        #expect(try await guest.request("chat.send", ["roomId": 1, "text": "hello again"]).ok)

        #expect(try await host.request("room.remove", ["roomId": 1, "userId": guestUser.id.rawValue]).ok)
        #expect(try await guest.request("chat.send", ["roomId": 1, "text": "still here?"]).errorCode == "forbidden")
        #expect(try await guest.request("room.enter", ["roomId": 1]).errorCode == "forbidden")

        #expect(try await host.request("room.lock", ["roomId": 1, "locked": true]).ok)
        let (other, _, _) = try await server.signedInSocket("Other")
        let locked = try await other.request("room.enter", ["roomId": 1])
        #expect(locked.errorCode == "forbidden" && locked.error["detail"] as? String == "locked")
        #expect(try await other.request("chat.send", ["roomId": 1, "text": "not in"]).errorCode == "forbidden")
        #expect(try await host.request("room.lock", ["roomId": 1, "locked": false, "capacity": 1]).ok)
        let full = try await other.request("room.enter", ["roomId": 1])
        #expect(full.errorCode == "conflict" && full.error["detail"] as? String == "full")
        #expect(try await host.request("room.lock", ["roomId": 1, "capacity": 0]).ok)
        #expect(try await other.request("room.enter", ["roomId": 1]).ok)
        await server.stop()
    }

    @Test("hands queue in order and the host grants the floor")
    func hands() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (a, aUser, _) = try await server.signedInSocket("A")
        let (b, _, _) = try await server.signedInSocket("B")
        #expect(try await a.request("room.enter", ["roomId": 1]).ok)
        #expect(try await b.request("room.enter", ["roomId": 1]).ok)
        #expect(try await a.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 1)
        #expect(try await b.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 2)
        #expect(try await a.request("hand.raise", ["roomId": 1]).data["position"] as? Int64 == 1)
        #expect(try await host.request("hand.grant", ["roomId": 1, "userId": aUser.id.rawValue]).ok)
        let snapshot = try await b.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        #expect((snapshot?["you"] as? [String: any Sendable])?["handPosition"] as? Int64 == 1)
        #expect(try await b.request("reaction.send", ["roomId": 1, "emoji": "👏"]).ok)
        #expect(try await b.request("reaction.send", ["roomId": 1, "emoji": "💩"]).errorCode == "invalid")
        await server.stop()
    }

    @Test("breakouts: groups get rooms of their own, members only, then everyone is brought back")
    func breakouts() async throws {
        let (server, host) = try await Self.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.start", ["roomId": 1]).ok)
        var people: [(TestSocket, Int64)] = []
        for index in 0..<4 {
            let (socket, user, _) = try await server.signedInSocket("B\(index)")
            #expect(try await socket.request("subscribe", ["topic": "user:\(user.id.rawValue)"]).ok)
            #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
            people.append((socket, user.id.rawValue))
        }
        #expect(try await people[0].0.request("breakout.start", ["roomId": 1, "size": 2, "mode": "random", "minutes": 5]).errorCode == "forbidden")
        #expect(try await host.request("breakout.start", ["roomId": 1, "size": 1, "mode": "random", "minutes": 5]).errorCode == "invalid")
        let started = try await host.request("breakout.start", ["roomId": 1, "size": 2, "mode": "language", "minutes": 5])
        #expect(started.ok && (started.data["rooms"] as? [any Sendable])?.count == 2)
        // Whoever enters the main room now sees the groups running and until when (a countdown for all).
        let main = try await host.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        let running = try #require(main?["breakout"] as? [String: any Sendable])
        #expect(running["groups"] as? Int64 == 2 && running["endsAt"] is String)
        var rooms: [Int64: Int64] = [:]
        for (socket, user) in people {
            var event = try await socket.nextEvent()
            while event.type != "breakout.assigned" { event = try await socket.nextEvent() }
            rooms[user] = try #require(event.data["roomId"] as? Int64)
            // Their page of the main room, opened again, leads them to their own group.
            let main = (try await socket.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable])?["breakout"] as? [String: any Sendable]
            #expect(main?["yourRoomId"] as? Int64 == rooms[user])
            let entered = try await socket.request("room.enter", ["roomId": rooms[user]!])
            let group = (entered.data["snapshot"] as? [String: any Sendable])?["room"] as? [String: any Sendable]
            #expect(group?["parentRoomId"] as? Int64 == 1 && group?["endsAt"] as? String == running["endsAt"] as? String)
            #expect(try await socket.request("chat.send", ["roomId": rooms[user]!, "text": "hello group"]).ok)
        }
        let outsider = people.first { rooms[$0.1] != rooms[people[0].1] }!
        #expect(try await outsider.0.request("room.enter", ["roomId": rooms[people[0].1]!]).errorCode == "forbidden")
        #expect(try await host.request("breakout.start", ["roomId": 1, "size": 2, "mode": "random", "minutes": 5]).errorCode == "conflict")
        #expect(try await host.request("breakout.end", ["roomId": 1]).ok)
        for (socket, user) in people {
            // Their group's room says it has ended (it no longer shows live), and their own topic says where to go.
            var event = try await socket.nextEvent()
            while !(event.type == "room.state" && event.topic == "room:\(rooms[user]!)") { event = try await socket.nextEvent() }
            #expect(event.data["state"] as? String == "ended")
            while !(event.type == "breakout.ended" && event.topic == "user:\(user)") { event = try await socket.nextEvent() }
            #expect(event.data["parentRoomId"] as? Int64 == 1)
        }
        let after = try await host.request("room.enter", ["roomId": 1]).data["snapshot"] as? [String: any Sendable]
        #expect(after?["breakout"] == nil)
        #expect(try await host.request("breakout.end", ["roomId": 1]).errorCode == "conflict")
        await server.stop()
    }
}
