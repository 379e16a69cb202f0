import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("the organiser's bulk plan")
struct ScheduleTests {
    /// A grid of two 20-minute slots with 5 tables, starting in two hours; their ids.
    static func twoSlots(_ organiser: TestSocket) async throws -> [Int64] {
        let start = Timestamp(seconds: Int64(Date().timeIntervalSince1970) / 3600 * 3600 + 7_200)
        let grid = try await organiser.request("grid.set", ["tables": 5, "slots": [
            ["startsAt": start.iso8601, "endsAt": start.adding(seconds: 1_200).iso8601],
            ["startsAt": start.adding(seconds: 1_800).iso8601, "endsAt": start.adding(seconds: 3_000).iso8601],
        ]])
        return ((grid.data["slots"] as? [any Sendable]) ?? []).compactMap { ($0 as? [String: any Sendable])?["id"] as? Int64 }
    }

    @Test("preview places requested pairs first with scores and a bound; publish books and notifies; a participant may not")
    func previewAndPublish() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let slots = try await Self.twoSlots(organiser)
        var people: [(TestSocket, Int64)] = []
        for (index, interests) in [["climate", "housing"], ["climate", "housing"], ["culture"], ["culture", "climate"]].enumerated() {
            let (socket, user, _) = try await server.signedInSocket("P\(index)")
            #expect(try await socket.request("subscribe", ["topic": "user:\(user.id.rawValue)"]).ok)
            #expect(try await socket.request("profile.update", ["interests": interests, "languages": ["en"]]).ok)
            #expect(try await socket.request("availability.set", ["slots": slots]).ok)
            people.append((socket, user.id.rawValue))
        }
        // P2 asked P0, who scores nothing with P2 on their own: the request still goes first.
        #expect(try await people[2].0.request("meeting.request", ["to": people[0].1, "slots": [slots[0]]]).ok)
        #expect(try await people[1].0.request("schedule.preview", ["slots": slots, "maxPerPerson": 2]).errorCode == "forbidden")
        let preview = try await organiser.request("schedule.preview", ["slots": slots, "maxPerPerson": 2])
        #expect(preview.ok)
        let meetings = ((preview.data["meetings"] as? [any Sendable]) ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(!meetings.isEmpty)
        #expect(meetings.first?["requested"] as? Bool == true)
        let total = try #require(preview.data["total"] as? Double ?? (preview.data["total"] as? Int64).map(Double.init))
        let bound = try #require(preview.data["upperBound"] as? Double ?? (preview.data["upperBound"] as? Int64).map(Double.init))
        #expect(total <= bound && preview.data["peopleMet"] as? Int64 == 4)
        let planID = try #require(preview.data["planId"] as? String)
        let published = try await organiser.request("schedule.publish", ["planId": planID])
        #expect(published.data["created"] as? Int64 == Int64(meetings.count))
        for (socket, _) in people {
            var event = try await socket.nextEvent()
            while event.type != "meeting.booked" { event = try await socket.nextEvent() }
        }
        #expect(try await organiser.request("schedule.publish", ["planId": planID]).errorCode == "not_found")
        let list = try await people[0].0.request("meeting.list")
        #expect(((list.data["incoming"] as? [any Sendable])?.first as? [String: any Sendable])?["status"] as? String == "accepted")
        await server.stop()
    }

    @Test("an unmet request comes with a stable code beside its English reason")
    func unmetCode() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let slots = try await Self.twoSlots(organiser)
        var people: [(TestSocket, Int64)] = []
        for index in 0..<3 {
            let (socket, user, _) = try await server.signedInSocket("U\(index)")
            #expect(try await socket.request("availability.set", ["slots": slots]).ok)
            people.append((socket, user.id.rawValue))
        }
        // Both ask U0, who may have one meeting: one request is left out because U0 is full.
        #expect(try await people[1].0.request("meeting.request", ["to": people[0].1, "slots": [slots[0]]]).ok)
        #expect(try await people[2].0.request("meeting.request", ["to": people[0].1, "slots": [slots[1]]]).ok)
        let preview = try await organiser.request("schedule.preview", ["slots": slots, "maxPerPerson": 1])
        let unmet = ((preview.data["unmet"] as? [any Sendable]) ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(unmet.count == 1)
        #expect(unmet.first?["code"] as? String == "person_full")
        #expect(unmet.first?["reason"] as? String == "the limit of meetings per person is reached")
        #expect((unmet.first?["a"] as? [String: any Sendable])?["id"] as? Int64 == people[0].1)
        await server.stop()
    }

    @Test("a request whose only slot overlaps a session in one of the two's agenda is booked there and the preview names it")
    func clashWithAnAgendaSession() async throws {
        let server = try await TestServer.start()
        let (organiser, _, _) = try await server.signedInSocket("Organiser", role: .organiser)
        let slots = try await Self.twoSlots(organiser)
        let grid = try #require(try await organiser.request("grid.get").data["slots"] as? [any Sendable]).compactMap { $0 as? [String: any Sendable] }
        let startsAt = try #require(grid.first?["startsAt"] as? String)
        let first = try #require(Timestamp(iso8601: startsAt))
        let local = { (t: Timestamp) in String(t.iso8601.prefix(16)) }  // the program's zone is UTC
        try await server.database.loadProgram(try ProgramImport.parse(Data("""
            {"name": {"en": "Test"}, "timeZone": "UTC", "tracks": [], "sessions": [
             {"key": "th", "start": "\(local(first))", "end": "\(local(first.adding(seconds: 600)))", "title": {"en": "Town Hall"}}]}
            """.utf8)))
        let (lena, _, _) = try await server.signedInSocket("Lena")
        let (marco, marcoUser, _) = try await server.signedInSocket("Marco")
        let program = try await marco.request("program.get")
        let session = try #require((program.data["sessions"] as? [any Sendable])?.first as? [String: any Sendable])
        #expect(try await marco.request("agenda.add", ["sessionId": session["id"] as? Int64 ?? 0]).ok)
        for socket in [lena, marco] { #expect(try await socket.request("availability.set", ["slots": [slots[0]]]).ok) }
        #expect(try await lena.request("meeting.request", ["to": marcoUser.id.rawValue, "slots": [slots[0]]]).ok)

        let preview = try await organiser.request("schedule.preview", ["slots": slots, "maxPerPerson": 2])
        #expect(preview.data["clashing"] as? Int64 == 1)
        let meeting = try #require((preview.data["meetings"] as? [any Sendable])?.first as? [String: any Sendable])
        #expect(meeting["slot"] as? Int64 == slots[0])
        let clashes = try #require(meeting["clashes"] as? [[String: any Sendable]])
        #expect(clashes.count == 1 && clashes[0]["title"] as? String == "Town Hall" && clashes[0]["sessionId"] as? Int64 == session["id"] as? Int64)
        #expect((clashes[0]["person"] as? [String: any Sendable])?["id"] as? Int64 == marcoUser.id.rawValue)
        await server.stop()
    }
}
