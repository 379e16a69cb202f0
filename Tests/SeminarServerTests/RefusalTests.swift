import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

/// A refused request changes nothing: for every message type, requests that must be refused — from an anonymous socket,
/// from a participant for organiser/host/agent types, from the host of another room, with missing or invalid fields, and
/// naming what belongs to someone else (their meeting request, meeting, ticket, message, question, topic) — leave every
/// row of every table (the event log included) as it was, and deliver no event to anyone.
@Suite("refused requests change nothing")
struct RefusalTests {
    /// A request that must be refused; `code` when the refusal's code is part of the rule.
    struct Case {
        let who: String
        let type: MessageType
        let data: [String: Any]
        let code: String?
    }

    /// Types a signed-in person cannot get refused but by their form (they read, or act on the sender alone): for these
    /// the anonymous socket's refusal and the frame without an id are the cases.
    static let refusedOnlyWhenAnonymous: Set<MessageType> = [
        .programGet, .agendaGet, .interestsList, .loungeEnter, .loungeLeave, .peopleSearch, .dmUnread, .dmConversations,
        .matchSuggestions, .gridGet, .meetingList, .guideNow, .faqList, .ping, .mediaConfig, .mailPrefsGet, .hostingGet,
    ]

    @Test("every type: refused requests leave the database and the event log as they were and publish nothing")
    func refusedRequestsChangeNothing() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)
        var sockets: [String: TestSocket] = [:]
        var ids: [String: Int64] = [:]
        var tokens: [String: String] = [:]
        for (name, role) in [("organiser", Role.organiser), ("host", .host), ("otherHost", .host), ("agent", .agent), ("otherAgent", .agent),
                             ("participant", .participant), ("victim", .participant), ("third", .participant)] {
            let (socket, user, token) = try await server.signedInSocket(name, role: role)
            sockets[name] = socket
            ids[name] = user.id.rawValue
            tokens[name] = token
        }
        try await server.database.addHost(user: UserID(ids["host"]!), session: SessionID(1))
        try await server.database.addHost(user: UserID(ids["otherHost"]!), session: SessionID(2))
        let o = sockets["organiser"]!, host = sockets["host"]!, agent = sockets["agent"]!
        let p = sockets["participant"]!, victim = sockets["victim"]!, third = sockets["third"]!
        let (pID, victimID, thirdID) = (ids["participant"]!, ids["victim"]!, ids["third"]!)

        // Given: everyone follows what they may, and owns something.
        for (name, socket) in sockets {
            try await Self.ok(socket, "subscribe", ["topic": "seminar"])
            try await Self.ok(socket, "subscribe", ["topic": "feed"])
            try await Self.ok(socket, "subscribe", ["topic": "user:\(ids[name]!)"])
            if name.lowercased().contains("agent") { try await Self.ok(socket, "subscribe", ["topic": "desk"]) }
        }
        for socket in [o, victim, third] { try await Self.ok(socket, "lounge.enter") }
        for socket in [p, victim, third] { try await Self.ok(socket, "profile.update", ["languages": ["en"]]) }
        try await Self.ok(host, "room.enter", ["roomId": 1])
        try await Self.ok(host, "room.open", ["roomId": 1])
        try await Self.ok(host, "room.start", ["roomId": 1])
        try await Self.ok(p, "room.enter", ["roomId": 1])
        try await Self.ok(victim, "room.enter", ["roomId": 1])
        let message = try await Self.ok(victim, "chat.send", ["roomId": 1, "text": "mine"]).data["messageId"] as? Int64 ?? 0
        let question = try await Self.ok(victim, "question.ask", ["roomId": 1, "text": "Mine?"]).data["id"] as? Int64 ?? 0
        try await Self.ok(p, "question.vote", ["questionId": question])
        let poll = try await Self.ok(host, "poll.create", ["roomId": 1, "question": "Which?", "options": ["a", "b"], "kind": "choice"]).data["id"] as? Int64 ?? 0
        try await Self.ok(p, "poll.vote", ["pollId": poll, "option": 0])
        try await Self.ok(victim, "hand.raise", ["roomId": 1])
        let ticket = try await Self.ok(victim, "desk.ask", ["text": "Where is the plenary?"]).data["ticket"] as? [String: any Sendable]
        let ticketID = ticket?["id"] as? Int64 ?? 0
        try await Self.ok(agent, "desk.claim", ["ticketId": ticketID])
        let start = Timestamp(seconds: Int64(Date().timeIntervalSince1970) / 3600 * 3600 + 7_200)
        let grid = try await Self.ok(o, "grid.set", ["tables": 2, "slots": (0..<4).map { n in
            ["startsAt": start.adding(seconds: Int64(n) * 1_800).iso8601, "endsAt": start.adding(seconds: Int64(n) * 1_800 + 1_200).iso8601]
        }])
        let slots = ((grid.data["slots"] as? [any Sendable]) ?? []).compactMap { ($0 as? [String: any Sendable])?["id"] as? Int64 }
        #expect(slots.count == 4)
        func requestID(_ frame: Frame) -> Int64 { (frame.data["request"] as? [String: any Sendable])?["id"] as? Int64 ?? 0 }
        // The participant asked the victim (slot 0); the third person asked the participant (slot 1); the victim and the
        // third person have a meeting (slot 2) and a request between them (slot 3).
        let mine = requestID(try await Self.ok(p, "meeting.request", ["to": victimID, "slots": [slots[0]]]))
        let toMe = requestID(try await Self.ok(third, "meeting.request", ["to": pID, "slots": [slots[1]]]))
        let theirs = requestID(try await Self.ok(victim, "meeting.request", ["to": thirdID, "slots": [slots[2]]]))
        let booked = try await Self.ok(third, "meeting.accept", ["requestId": theirs, "slot": slots[2]]).data["meeting"] as? [String: any Sendable]
        let meeting = booked?["id"] as? Int64 ?? 0, meetingRoom = booked?["roomId"] as? Int64 ?? 0
        let pending = requestID(try await Self.ok(third, "meeting.request", ["to": victimID, "slots": [slots[3]]]))
        try await Self.ok(victim, "dm.send", ["to": thirdID, "text": "between us"])
        try await Self.ok(victim, "block.set", ["userId": pID, "blocked": true])
        let post = try await Self.ok(o, "feed.post", ["kind": "report", "title": "T", "body": "B", "lang": "en"]).data["id"] as? Int64 ?? 0
        try await Self.ok(o, "faq.upsert", ["question": ["en": "Q?"], "answer": ["en": "A."]])
        // The room's presence count goes out a second after the last entry: wait for it, so it is not taken for news later.
        for socket in [host, p, victim] {
            var frame = try await socket.nextEvent()
            while !(frame.type == "presence" && frame.data["present"] as? Int64 == 3) { frame = try await socket.nextEvent() }
        }
        try await Self.barrier("before", from: o, sockets: sockets)

        // When: requests that must be refused, of every type.
        let x: Int64 = 999_999
        var cases: [Case] = []
        func refuse(_ who: String, _ type: MessageType, _ data: [String: Any] = [:], _ code: String? = nil) {
            cases.append(Case(who: who, type: type, data: data, code: code))
        }
        // Types only some roles may send, from a participant; room types from the host of another room.
        for type in MessageType.allCases {
            guard case .roles(let roles) = Permissions.rule(for: type) else { continue }
            refuse("participant", type, ["roomId": 1, "sessionId": 1, "ticketId": ticketID, "userId": victimID, "id": 1, "text": "x"], "forbidden")
            if roles == [.host, .organiser], type != .sessionUpdate {
                refuse("otherHost", type, ["roomId": 1, "userId": victimID, "questionId": question, "pollId": poll, "minutes": 5, "locked": true,
                                           "question": "Q?", "options": ["a", "b"], "kind": "choice", "size": 2, "mode": "random", "language": "en", "on": true], "forbidden")
            }
        }
        refuse("otherHost", .sessionUpdate, ["sessionId": 1, "title": ["en": "Mine now"]], "forbidden")
        // Missing or invalid fields, and what is someone else's.
        refuse("participant", .hello, ["token": tokens["victim"]!], "conflict")
        refuse("anonymous", .hello, ["token": "no-such-token"], "unauthenticated")
        refuse("participant", .localeSet, ["locale": "xx"], "invalid")
        refuse("participant", .subscribe, ["topic": "user:\(victimID)"], "forbidden")
        refuse("participant", .subscribe, ["topic": "desk"], "forbidden")
        refuse("participant", .subscribe, ["topic": "no-such-topic"], "not_found")
        refuse("participant", .subscribe, ["topic": "seminar", "since": -1], "invalid")
        refuse("participant", .unsubscribe, ["topic": "no-such-topic"], "not_found")
        refuse("participant", .sessionGet, ["sessionId": x], "not_found")
        refuse("participant", .sessionRevisions, [:], "invalid")
        refuse("host", .sessionUpdate, ["sessionId": x, "title": ["en": "T"]], nil)
        refuse("participant", .agendaAdd, ["sessionId": x], "not_found")
        refuse("participant", .agendaRemove, ["sessionId": x], "not_found")
        refuse("participant", .roomEnter, ["roomId": x], "not_found")
        refuse("participant", .roomEnter, ["roomId": meetingRoom], "forbidden")
        refuse("participant", .roomEnter, [:], "invalid")
        refuse("participant", .roomLeave, [:], "invalid")
        refuse("host", .roomOpen, ["roomId": 1], "conflict")  // it is live
        refuse("host", .roomLock, ["roomId": 1, "capacity": -1], "invalid")
        refuse("host", .roomStreamSet, ["roomId": 1, "language": "en", "url": "javascript:alert(1)"], "invalid")
        refuse("host", .roomPin, ["roomId": 1, "messageId": x], "not_found")
        refuse("host", .roomMute, ["roomId": 1, "userId": victimID, "minutes": 5_000], "invalid")
        refuse("host", .roomRemove, ["roomId": 1, "userId": x], "not_found")
        refuse("participant", .chatSend, ["roomId": 1, "text": ""], "invalid")
        refuse("participant", .chatSend, ["roomId": 2, "text": "not in"], "forbidden")
        refuse("participant", .chatDelete, ["messageId": message], "forbidden")
        refuse("participant", .chatDelete, ["messageId": x], "not_found")
        refuse("participant", .chatHistory, ["roomId": 2], "forbidden")
        refuse("participant", .roomPeople, ["roomId": 2], "forbidden")
        refuse("participant", .roomPeople, [:], "invalid")
        refuse("participant", .questionAsk, ["roomId": 1, "text": ""], "invalid")
        refuse("participant", .questionVote, ["questionId": question], "conflict")
        refuse("participant", .questionVote, ["questionId": x], "not_found")
        refuse("host", .questionAnswer, ["questionId": x], "not_found")
        refuse("host", .pollCreate, ["roomId": 1, "question": "Q?", "options": [], "kind": "choice"], "invalid")
        refuse("participant", .pollVote, ["pollId": poll, "option": 1], "conflict")
        refuse("victim", .pollVote, ["pollId": poll, "option": 9], "invalid")
        refuse("participant", .pollVote, ["pollId": x, "option": 0], "not_found")
        refuse("host", .pollClose, ["pollId": x], "not_found")
        refuse("participant", .handRaise, ["roomId": 2], "forbidden")
        refuse("participant", .handLower, ["roomId": 1, "userId": victimID], "forbidden")
        refuse("host", .handGrant, ["roomId": 1, "userId": pID], "not_found")
        refuse("participant", .reactionSend, ["roomId": 1, "emoji": "💩"], "invalid")
        refuse("participant", .reactionSend, ["roomId": 2, "emoji": "👏"], "forbidden")
        refuse("host", .breakoutStart, ["roomId": 1, "size": 0, "mode": "random", "minutes": 10], "invalid")
        refuse("host", .breakoutEnd, ["roomId": 1], "conflict")
        refuse("participant", .profileUpdate, ["languages": ["not a language"]], "invalid")
        refuse("participant", .mailPrefsSet, ["topic": "invitation", "on": false], "invalid")
        refuse("participant", .mailPrefsSet, ["topic": "meetings"], "invalid")
        refuse("participant", .profileGet, ["userId": x], "not_found")
        refuse("participant", .profileGet, ["userId": victimID], "not_found")  // the victim blocked them
        refuse("organiser", .interestsSet, ["interests": [["key": "a", "name": ["en": "A"]], ["key": "a", "name": ["en": "B"]]]], "invalid")
        refuse("participant", .blockSet, [:], "invalid")
        refuse("participant", .blockSet, ["userId": pID], "invalid")
        refuse("participant", .dmSend, ["to": victimID, "text": "hello"], "forbidden")
        refuse("participant", .dmSend, ["to": pID, "text": "me"], "invalid")
        refuse("participant", .dmHistory, [:], "invalid")
        refuse("participant", .dmRead, [:], "invalid")
        refuse("organiser", .gridSet, ["tables": 0, "slots": []], "invalid")
        refuse("participant", .availabilitySet, ["slots": [x]], "not_found")
        refuse("participant", .meetingRequest, ["to": pID, "slots": [slots[3]]], "invalid")
        refuse("participant", .meetingRequest, ["to": victimID, "slots": [slots[3]]], "forbidden")
        refuse("participant", .meetingAccept, ["requestId": mine, "slot": slots[0]], "forbidden")
        refuse("participant", .meetingAccept, ["requestId": pending, "slot": slots[3]], "not_found")
        refuse("participant", .meetingDecline, ["requestId": mine], "forbidden")  // the requester withdraws
        refuse("participant", .meetingDecline, ["requestId": pending], "not_found")
        refuse("participant", .meetingWithdraw, ["requestId": toMe], "forbidden")  // the invitee declines
        refuse("participant", .meetingWithdraw, ["requestId": pending], "not_found")
        refuse("participant", .meetingCancel, ["meetingId": meeting], "not_found")
        refuse("participant", .meetingCheckin, ["meetingId": meeting], "not_found")
        refuse("participant", .rtcSignal, ["meetingId": meeting, "to": victimID, "kind": "offer", "payload": ["sdp": "x"]], "forbidden")
        // The stage (no Janus here): who may is decided first, then "unavailable", before any call to Janus.
        refuse("participant", .stagePublish, ["roomId": 1, "kind": "camera", "sdp": "v=0\r\n"], "forbidden")  // not invited
        refuse("host", .stagePublish, ["roomId": 1, "kind": "camera", "sdp": "v=0\r\n"], "unavailable")
        refuse("host", .stagePublish, ["roomId": 1, "kind": "hologram", "sdp": "v=0\r\n"], "invalid")
        refuse("host", .stagePublish, ["roomId": 1, "kind": "camera", "sdp": "<script>"], "invalid")
        refuse("participant", .stageUnpublish, ["roomId": 1], "unavailable")
        refuse("participant", .stageWatch, ["roomId": 2], "forbidden")  // not in the room
        refuse("participant", .stageWatch, ["roomId": 1], "unavailable")
        refuse("participant", .stageAnswer, ["watchId": x, "sdp": "v=0\r\n"], "unavailable")
        refuse("participant", .stageAnswer, ["sdp": "v=0\r\n"], "invalid")
        refuse("host", .stageInvite, ["roomId": 1, "userId": pID], "unavailable")
        refuse("host", .stageRemove, ["roomId": 1, "userId": pID], "unavailable")
        refuse("host", .stageMute, ["roomId": 1, "userId": pID, "muted": true], "unavailable")
        refuse("participant", .stageRecord, ["roomId": 1, "on": true], "forbidden")
        refuse("host", .stageRecord, ["roomId": 1], "invalid")
        refuse("host", .stageRecord, ["roomId": 1, "on": true], "unavailable")
        refuse("organiser", .schedulePreview, ["maxPerPerson": 0], "invalid")
        refuse("organiser", .schedulePublish, ["planId": "no-such-plan"], "not_found")
        refuse("organiser", .faqUpsert, ["id": x, "question": ["en": "Q?"], "answer": ["en": "A."]], "not_found")
        refuse("organiser", .faqDelete, ["id": x], "not_found")
        refuse("participant", .deskAsk, ["text": ""], "invalid")
        refuse("participant", .deskAsk, ["text": "Help", "page": "javascript:alert(1)"], "invalid")
        refuse("participant", .deskMessage, ["ticketId": ticketID, "text": "mine now"], "forbidden")
        refuse("participant", .deskTicket, ["ticketId": ticketID], "forbidden")
        refuse("participant", .deskResolve, ["ticketId": ticketID], "forbidden")
        refuse("participant", .deskRead, ["ticketId": ticketID, "upTo": 1], "forbidden")
        refuse("participant", .deskRead, ["ticketId": x, "upTo": 1], "not_found")
        refuse("otherAgent", .deskRelease, ["ticketId": ticketID], "forbidden")
        refuse("otherAgent", .deskClaim, ["ticketId": ticketID], nil)  // claimed already
        refuse("otherAgent", .deskGuide, ["ticketId": ticketID, "hash": "javascript:alert(1)"], "invalid")
        refuse("participant", .feedList, ["kind": "gossip"], "invalid")
        refuse("participant", .feedGet, ["postId": x], "not_found")
        refuse("participant", .feedPost, ["kind": "report", "title": "T", "body": "B", "lang": "en"], "forbidden")
        refuse("participant", .feedComment, ["postId": x, "text": "x"], "not_found")
        refuse("participant", .feedComment, ["postId": post, "text": ""], "invalid")
        refuse("participant", .feedReact, ["postId": post, "emoji": "💩"], "invalid")
        refuse("participant", .feedReact, ["postId": x, "emoji": "👍"], "not_found")
        refuse("participant", .feedEdit, ["postId": post, "title": "Mine", "body": "B"], "forbidden")
        refuse("participant", .feedEdit, ["postId": x, "title": "T", "body": "B"], "not_found")
        refuse("organiser", .feedEdit, ["postId": post, "title": "", "body": "B"], "invalid")
        refuse("participant", .feedDelete, ["postId": post], "forbidden")
        refuse("participant", .feedDelete, ["postId": x], "not_found")
        refuse("participant", .feedSearch, ["q": ""], "invalid")
        refuse("organiser", .announce, ["text": ""], "invalid")
        refuse("organiser", .announceCancel, ["id": x], "not_found")
        refuse("organiser", .roleSet, ["userId": x, "role": "host"], "not_found")
        refuse("organiser", .roleSet, ["userId": ids["organiser"]!, "role": "participant"], "forbidden")
        refuse("organiser", .roleSet, ["userId": victimID, "role": "host", "roomId": x], "not_found")  // checked before the role is written
        refuse("organiser", .roleSet, ["userId": victimID, "role": "participant", "roomId": 1], "invalid")
        refuse("organiser", .peopleList, ["limit": 0], "invalid")
        refuse("organiser", .auditList, ["limit": 0], "invalid")
        refuse("organiser", .hostingRemove, ["userId": victimID, "roomId": 1], "not_found")  // not their room
        refuse("organiser", .hostingRemove, ["userId": victimID], "invalid")
        // Every type from a socket that has not said hello (hello and ping are anyone's).
        for type in MessageType.allCases where Permissions.rule(for: type) != .anyone {
            refuse("anonymous", type, ["roomId": 1, "topic": "seminar"], "unauthenticated")
        }
        // Every type's frame without an id.
        let signedInCases = Set(cases.filter { $0.who != "anonymous" }.map(\.type))
        #expect(signedInCases.union(Self.refusedOnlyWhenAnonymous).union([.hello]) == Set(MessageType.allCases),
                "types without a refused case: \(Set(MessageType.allCases).subtracting(signedInCases).subtracting(Self.refusedOnlyWhenAnonymous))")

        let before = try await DatabaseSnapshot.take(server.sqlite)
        let anonymous = try await TestSocket.connect(server.ws)
        sockets["anonymous"] = anonymous
        for refusal in cases {
            let reply = try await sockets[refusal.who]!.request(refusal.type.rawValue, refusal.data)
            let label = "\(refusal.type.rawValue) by \(refusal.who) \(refusal.data): \(reply.raw.prefix(240))"
            #expect(!reply.ok, "\(label)")
            if let code = refusal.code { #expect(reply.errorCode == code, "\(label)") }
        }
        for type in MessageType.allCases {
            try await anonymous.send(json: ["type": type.rawValue, "data": ["roomId": 1]])
            let answer = try await anonymous.nextAnswer()
            #expect(answer.type == "error" && answer.data["field"] as? String == "id", "\(type.rawValue) without an id: \(answer.raw)")
        }
        let after = try await DatabaseSnapshot.take(server.sqlite)

        // Then: not a row changed, the event log included, and nobody was sent anything.
        #expect(after.checksums == before.checksums, "\(after.differences(from: before))")
        #expect(after == before)
        sockets["anonymous"] = nil
        let delivered = try await Self.barrier("after", from: o, sockets: sockets)
        for (name, frames) in delivered.sorted(by: { $0.key < $1.key }) {
            #expect(frames.isEmpty, "\(name) was sent \(frames.map { "\($0.topic ?? "-") \($0.type ?? "-")" })")
        }
        for socket in sockets.values { await socket.close() }
        await anonymous.close()
        await server.stop()
    }

    /// A request that must succeed (the setting up).
    @discardableResult
    static func ok(_ socket: TestSocket, _ type: String, _ data: [String: Any] = [:]) async throws -> Frame {
        let reply = try await socket.request(type, data)
        guard reply.ok else { throw TestFailure("\(type) \(data): \(reply.raw.prefix(300))") }
        return reply
    }

    /// An announcement everyone follows: what each socket was sent before it, in order (every fan-out of an event loop
    /// goes in publishing order, so anything published before the announcement reaches a socket before it).
    @discardableResult
    static func barrier(_ text: String, from organiser: TestSocket, sockets: [String: TestSocket]) async throws -> [String: [Frame]] {
        try await ok(organiser, "announce", ["text": text])
        var seen: [String: [Frame]] = [:]
        for (name, socket) in sockets {
            var frames: [Frame] = []
            while true {
                let frame = try await socket.nextEvent(timeout: 10)
                if frame.topic == "seminar", frame.type == "announcement", frame.data["text"] as? String == text { break }
                frames.append(frame)
            }
            seen[name] = frames
        }
        return seen
    }
}
