import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("bilateral meetings")
struct MeetingTests {
    /// A grid of two future slots with one table each; returns the slot ids.
    static func grid(_ server: TestServer) async throws -> [Int64] {
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let start = Timestamp(seconds: Int64(Date().timeIntervalSince1970) / 3600 * 3600 + 7_200)
        let reply = try await organiser.request("grid.set", ["tables": 1, "slots": [
            ["startsAt": start.iso8601, "endsAt": start.adding(seconds: 1_200).iso8601],
            ["startsAt": start.adding(seconds: 1_800).iso8601, "endsAt": start.adding(seconds: 3_000).iso8601],
        ]])
        #expect(reply.ok)
        return ((reply.data["slots"] as? [any Sendable]) ?? []).compactMap { ($0 as? [String: any Sendable])?["id"] as? Int64 }
    }

    static func person(_ server: TestServer, _ name: String) async throws -> (TestSocket, Int64) {
        let (socket, user, _) = try await server.signedInSocket(name)
        #expect(try await socket.request("subscribe", ["topic": "user:\(user.id.rawValue)"]).ok)
        #expect(try await socket.request("profile.update", ["languages": ["en"]]).ok)
        return (socket, user.id.rawValue)
    }

    static func event(_ socket: TestSocket, _ type: String) async throws -> Frame {
        var frame = try await socket.nextEvent()
        while frame.type != type { frame = try await socket.nextEvent() }
        return frame
    }

    @Test("request → accept: both told, a table taken; double booking and a full slot refused; the table is theirs only")
    func requestAndAccept() async throws {
        let server = try await TestServer.start()
        let slots = try await Self.grid(server)
        let (ana, anaID) = try await Self.person(server, "Ana")
        let (ben, benID) = try await Self.person(server, "Ben")
        let (carl, _) = try await Self.person(server, "Carl")
        let (dan, _) = try await Self.person(server, "Dan")
        let (eve, eveID) = try await Self.person(server, "Eve")

        let request = try await ana.request("meeting.request", ["to": benID, "slots": slots, "message": "Housing policies?"])
        #expect(request.ok)
        let requestID = try #require((request.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        let invited = try await Self.event(ben, "meeting.requested")
        #expect(((invited.data["request"] as? [String: any Sendable])?["message"] as? String) == "Housing policies?")
        // A pending request holds its slots for both people.
        #expect(try await carl.request("meeting.request", ["to": anaID, "slots": [slots[0]]]).errorCode == "conflict")
        // Someone who is neither of its two people learns nothing of it (as for meetings).
        #expect(try await carl.request("meeting.accept", ["requestId": requestID, "slot": slots[0]]).errorCode == "not_found")

        let accepted = try await ben.request("meeting.accept", ["requestId": requestID, "slot": slots[0]])
        #expect(accepted.ok)
        let meeting = try #require(accepted.data["meeting"] as? [String: any Sendable])
        let meetingID = try #require(meeting["id"] as? Int64)
        let roomID = try #require(meeting["roomId"] as? Int64)
        let booked = try await Self.event(ana, "meeting.booked")
        #expect(((booked.data["meeting"] as? [String: any Sendable])?["with"] as? [String: any Sendable])?["id"] as? Int64 == benID)
        #expect(try await ben.request("meeting.accept", ["requestId": requestID, "slot": slots[0]]).errorCode == "conflict")

        // Ana is booked at slot 0; the only table of slot 0 is taken.
        #expect(try await carl.request("meeting.request", ["to": anaID, "slots": [slots[0]]]).errorCode == "conflict")
        let other = try await dan.request("meeting.request", ["to": eveID, "slots": [slots[0]]])
        let otherID = try #require((other.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        let full = try await eve.request("meeting.accept", ["requestId": otherID, "slot": slots[0]])
        #expect(full.errorCode == "conflict" && full.error["detail"] as? String == "full")
        #expect(try await eve.request("meeting.decline", ["requestId": otherID, "reason": "No table"]).ok)
        #expect(((try await Self.event(dan, "meeting.declined")).data["request"] as? [String: any Sendable])?["reason"] as? String == "No table")

        // The table: the two of them only; signals relayed to the partner only.
        #expect(try await ana.request("room.enter", ["roomId": roomID]).ok)
        #expect(try await eve.request("room.enter", ["roomId": roomID]).errorCode == "forbidden")
        #expect(try await ana.request("chat.send", ["roomId": roomID, "text": "Hello Ben"]).ok)
        // The slot starts in more than an hour: check-in is not open yet, and the refusal says when it opens.
        let early = try await ana.request("meeting.checkin", ["meetingId": meetingID])
        #expect(early.errorCode == "conflict" && early.error["detail"] as? String == "too_early" && (early.error["retryAfterMs"] as? Int64 ?? 0) > 3_000_000)
        let offer = try await ana.request("rtc.signal", ["meetingId": meetingID, "to": benID, "kind": "offer", "payload": ["sdp": "v=0"]])
        #expect(offer.ok)
        let relayed = try await Self.event(ben, "rtc.signal")
        #expect(relayed.seq == nil && relayed.data["kind"] as? String == "offer" && relayed.data["from"] as? Int64 == anaID)
        #expect(try await eve.request("rtc.signal", ["meetingId": meetingID, "to": benID, "kind": "offer", "payload": [:] as [String: Any]]).errorCode == "forbidden")
        #expect(try await ana.request("rtc.signal", ["meetingId": meetingID, "to": eveID, "kind": "offer", "payload": [:] as [String: Any]]).errorCode == "forbidden")

        let list = try await ben.request("meeting.list")
        #expect((list.data["meetings"] as? [any Sendable])?.count == 1 && (list.data["incoming"] as? [any Sendable])?.count == 1)
        #expect(try await ben.request("meeting.cancel", ["meetingId": meetingID]).ok)
        _ = try await Self.event(ana, "meeting.cancelled")
        await server.stop()
    }

    @Test("the requester cannot decline nor the invitee withdraw: refused before anything is written, nobody is told")
    func wrongSideChangesNothing() async throws {
        let server = try await TestServer.start()
        let slots = try await Self.grid(server)
        let (ana, anaID) = try await Self.person(server, "Ana")
        let (ben, benID) = try await Self.person(server, "Ben")
        let request = try await ana.request("meeting.request", ["to": benID, "slots": [slots[0]]])
        let requestID = try #require((request.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        _ = try await Self.event(ana, "meeting.requested")
        _ = try await Self.event(ben, "meeting.requested")
        let seqs = [try await server.database.events(topic: .user(UserID(anaID))).latestSeq,
                    try await server.database.events(topic: .user(UserID(benID))).latestSeq]

        #expect(try await ana.request("meeting.decline", ["requestId": requestID, "reason": "changed my mind"]).errorCode == "forbidden")
        #expect(try await ben.request("meeting.withdraw", ["requestId": requestID]).errorCode == "forbidden")
        let list = try await ben.request("meeting.list")
        let incoming = try #require((list.data["incoming"] as? [any Sendable])?.first as? [String: any Sendable])
        #expect(incoming["status"] as? String == "pending" && (incoming["reason"] as? String) == nil)
        #expect([try await server.database.events(topic: .user(UserID(anaID))).latestSeq,
                 try await server.database.events(topic: .user(UserID(benID))).latestSeq] == seqs)

        // The right side may: the next news either gets is the decline.
        #expect(try await ben.request("meeting.decline", ["requestId": requestID]).ok)
        #expect(try await ana.nextEvent().type == "meeting.declined")
        #expect(try await ben.nextEvent().type == "meeting.declined")
        #expect(try await ana.request("meeting.withdraw", ["requestId": requestID]).errorCode == "conflict")
        await server.stop()
    }

    @Test("grid.set tells the lounge: a durable grid.updated with the whole grid, in the log for later subscribers too")
    func gridUpdatedInTheLounge() async throws {
        let server = try await TestServer.start()
        let (ana, _) = try await Self.person(server, "Ana")
        #expect(try await ana.request("lounge.enter").ok)
        let first = try await Self.grid(server)
        let told = try await Self.event(ana, "grid.updated")
        #expect(told.topic == "lounge" && told.seq != nil)
        let slots = (told.data["slots"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(slots.compactMap { $0["id"] as? Int64 } == first)
        #expect(slots.allSatisfy { $0["startsAt"] is String && $0["endsAt"] is String })

        // More slots: the event holds the whole grid, oldest first.
        let (organiser, _, _) = try await server.signedInSocket("Organiser 2", role: .organiser)
        let later = Timestamp(seconds: Int64(Date().timeIntervalSince1970) / 3600 * 3600 + 86_400)
        #expect(try await organiser.request("grid.set", ["tables": 2, "slots": [
            ["startsAt": later.iso8601, "endsAt": later.adding(seconds: 1_200).iso8601]]]).ok)
        let again = try await Self.event(ana, "grid.updated")
        #expect((again.seq ?? 0) > (told.seq ?? 0))
        #expect((again.data["slots"] as? [any Sendable])?.count == 3)
        // A refused grid (overlapping the one there) tells nobody: the log holds the two changes only.
        #expect(try await organiser.request("grid.set", ["tables": 1, "slots": [
            ["startsAt": later.iso8601, "endsAt": later.adding(seconds: 1_200).iso8601]]]).errorCode == "invalid")
        let replay = try await server.database.events(topic: .lounge)
        #expect(replay.events.map(\.type) == ["grid.updated", "grid.updated"])
        await server.stop()
    }

    @Test("meeting.list gives the configured ICE servers as RTCIceServer objects {urls: [String]}")
    func iceServers() async throws {
        let server = try await TestServer.start { $0.iceServers = ["stun:stun.example.org:3478", "turn:turn.example.org:3478?transport=tcp"] }
        let (ana, _) = try await Self.person(server, "Ana")
        let list = try await ana.request("meeting.list")
        let servers = try #require(list.data["iceServers"] as? [[String: any Sendable]])
        #expect(servers.count == 2)
        #expect(servers.map { ($0["urls"] as? [any Sendable])?.compactMap { $0 as? String } ?? [] }
            == [["stun:stun.example.org:3478"], ["turn:turn.example.org:3478?transport=tcp"]])
        #expect(servers.allSatisfy { $0.keys.sorted() == ["urls"] })
        await server.stop()

        let none = try await TestServer.start()
        let (ben, _) = try await Self.person(none, "Ben")
        #expect((try await ben.request("meeting.list").data["iceServers"] as? [any Sendable])?.isEmpty == true)
        await none.stop()
    }

    @Test("accepting over a bookmarked session needs confirmation; unanswered requests expire")
    func overlapAndExpiry() async throws {
        let server = try await TestServer.start()
        let slots = try await Self.grid(server)
        let (ana, _) = try await Self.person(server, "Ana")
        let (ben, benID) = try await Self.person(server, "Ben")
        let grid = try await ben.request("grid.get")
        let slot = try #require((grid.data["slots"] as? [any Sendable])?.first as? [String: any Sendable])
        let program = """
        {"name": {"en": "S"}, "timeZone": "UTC", "tracks": [], "sessions": [{"key": "x", "start": "\((slot["startsAt"] as? String ?? "").prefix(16))",
         "end": "\((slot["endsAt"] as? String ?? "").prefix(16))", "title": {"en": "Plenary"}}]}
        """
        try await server.database.loadProgram(try ProgramImport.parse(Data(program.utf8)))
        #expect(try await ben.request("agenda.add", ["sessionId": 1]).ok)
        let request = try await ana.request("meeting.request", ["to": benID, "slots": [slots[0]]])
        let requestID = try #require((request.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        let refused = try await ben.request("meeting.accept", ["requestId": requestID, "slot": slots[0]])
        #expect(refused.errorCode == "conflict" && refused.error["detail"] as? String == "overlap")
        #expect(try await ben.request("meeting.accept", ["requestId": requestID, "slot": slots[0], "confirmOverlap": true]).ok)
        let agenda = try await ben.request("agenda.get")
        let meetings = (agenda.data["meetings"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect((meetings.first?["clashesWith"] as? [any Sendable])?.compactMap { $0 as? String } == ["session:1"])
        let start = try #require(Timestamp(iso8601: slot["startsAt"] as? String ?? ""))
        #expect(try await server.database.sendDueReminders(now: start.adding(seconds: -200)) == 3)  // the session for Ben, the meeting for both

        let late = try await ana.request("meeting.request", ["to": benID, "slots": [slots[1]]])
        let lateID = try #require((late.data["request"] as? [String: any Sendable])?["id"] as? Int64)
        let later = Timestamp(seconds: Int64(Date().timeIntervalSince1970) + 49 * 3600)
        #expect(try await server.database.expireRequests(now: later, expiryHours: 48) == 1)
        _ = try await Self.event(ana, "meeting.expired")
        #expect(try await ben.request("meeting.accept", ["requestId": lateID, "slot": slots[1]]).errorCode == "conflict")
        await server.stop()
    }
}
