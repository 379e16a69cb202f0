import Foundation
import Synchronization
import SeminarCore
import SeminarServer
import Testing

/// The stage's paths that need no Janus: with none configured the room says so and every stage request is refused
/// as unavailable; with one configured but unreachable, who may do what is still decided before any call to Janus,
/// and invitations (stored) work. The positive paths with media run against a real Janus in Tests/Media.
@Suite("the stage without a reachable Janus")
struct StageTests {
    static func room(_ server: TestServer) async throws -> (host: TestSocket, participant: TestSocket, participantID: Int64, stranger: TestSocket) {
        try await ProgramTests.load(server)
        let (host, hostUser, _) = try await server.signedInSocket("Hana Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        let (participant, user, _) = try await server.signedInSocket("Pia Participant")
        let (stranger, _, _) = try await server.signedInSocket("Sam Stranger")
        for (socket, type) in [(host, "room.enter"), (host, "room.open"), (host, "room.start"), (participant, "room.enter")] {
            try await RefusalTests.ok(socket, type, ["roomId": 1])
        }
        return (host, participant, user.id.rawValue, stranger)
    }

    @Test("no janusURL: the snapshot's stage is unavailable, and the host's stage.publish is refused as unavailable")
    func notConfigured() async throws {
        let server = try await TestServer.start()
        let (host, participant, _, stranger) = try await Self.room(server)
        let snapshot = try await participant.request("room.leave", ["roomId": 1])
        #expect(snapshot.ok)
        let entered = try await participant.request("room.enter", ["roomId": 1])
        let stage = try #require((entered.data["snapshot"] as? [String: any Sendable])?["stage"] as? [String: any Sendable])
        #expect(stage["available"] as? Bool == false && (stage["feeds"] as? [any Sendable])?.isEmpty == true)
        let publish = try await host.request("stage.publish", ["roomId": 1, "kind": "camera", "sdp": "v=0\r\n"])
        #expect(publish.errorCode == "unavailable" && publish.error["detail"] as? String == "stage_unavailable", "\(publish.raw)")
        #expect(try await stranger.request("stage.watch", ["roomId": 1]).errorCode == "forbidden")
        await server.stop()
    }

    @Test("Janus unreachable: refusals come first, invitations are stored and announced, going live says the stage is down")
    func unreachable() async throws {
        let server = try await TestServer.start {
            $0.janusURL = "ws://127.0.0.1:9"  // discard: nothing answers
            $0.janusApiSecret = Secret("api")
            $0.janusAdminKey = Secret("admin")
            $0.stageMaxSpeakers = 1
        }
        let (host, participant, participantID, stranger) = try await Self.room(server)
        let offer = ["roomId": 1, "kind": "camera", "sdp": "v=0\r\n"] as [String: Any]
        // Not invited, not in the room: refused by the rule, at once (no Janus to ask).
        #expect(try await participant.request("stage.publish", offer).errorCode == "forbidden")
        #expect(try await stranger.request("stage.watch", ["roomId": 1]).errorCode == "forbidden")
        #expect(try await participant.request("stage.invite", ["roomId": 1, "userId": participantID]).errorCode == "forbidden")

        // Invited: stored, and the room is told (stage.feeds with the speaker).
        try await RefusalTests.ok(host, "stage.invite", ["roomId": 1, "userId": participantID])
        var event = try await participant.nextEvent()
        while event.type != "stage.feeds" { event = try await participant.nextEvent() }
        let speakers = event.data["speakers"] as? [[String: any Sendable]]
        #expect(speakers?.map { $0["userId"] as? Int64 } == [participantID] && event.data["available"] as? Bool == true)
        let (_, other, _) = try await server.signedInSocket("Otto Other")
        #expect(try await host.request("stage.invite", ["roomId": 1, "userId": other.id.rawValue]).error["detail"] as? String == "full")
        #expect(try await server.database.stageSpeakers(room: RoomID(1)).map(\.userId.rawValue) == [participantID])

        // Now allowed, but Janus does not answer: a clear "try again", and nothing is left behind.
        let down = try await participant.request("stage.publish", offer)
        #expect(down.errorCode == "unavailable" && down.error["detail"] as? String == "stage_down", "\(down.raw)")
        #expect(try await participant.request("stage.unpublish", ["roomId": 1]).errorCode == "not_found")

        // Removed: the invitation goes; going live is refused again.
        try await RefusalTests.ok(host, "stage.remove", ["roomId": 1, "userId": participantID])
        #expect(try await server.database.stageSpeakers(room: RoomID(1)).isEmpty)
        #expect(try await participant.request("stage.publish", offer).errorCode == "forbidden")
        await server.stop()
    }

    /// Janus configured but unreachable (nothing goes live; what is checked is that the groups' stages end with them).
    static func unreachableJanus(_ settings: inout Settings) {
        settings.janusURL = "ws://127.0.0.1:9"  // discard: nothing answers
        settings.janusApiSecret = Secret("api")
        settings.janusAdminKey = Secret("admin")
    }

    /// The participant and the stranger of ``room(_:)`` in one breakout group of room 1 (`minutes` long), the participant
    /// in the group's room: the host, the participant and the group's room.
    static func group(_ server: TestServer, minutes: Int) async throws -> (host: TestSocket, member: TestSocket, room: Int64) {
        let (host, participant, _, stranger) = try await room(server)
        try await RefusalTests.ok(stranger, "room.enter", ["roomId": 1])
        let started = try await host.request("breakout.start", ["roomId": 1, "size": 2, "mode": "random", "minutes": minutes])
        let groups = try #require(started.data["rooms"] as? [[String: any Sendable]], "\(started.raw)")
        #expect(groups.count == 1)
        let group = try #require(groups.first?["roomId"] as? Int64)
        try await RefusalTests.ok(participant, "room.enter", ["roomId": group])
        return (host, participant, group)
    }

    /// Waits for `stage.feeds` on the group's topic: the stage there is empty, and going live there is refused.
    static func expectStageEnded(_ member: TestSocket, room: Int64) async throws {
        var event = try await member.nextEvent()
        while !(event.type == "stage.feeds" && event.topic == "room:\(room)") { event = try await member.nextEvent() }
        #expect((event.data["feeds"] as? [any Sendable])?.isEmpty == true && event.data["available"] as? Bool == true, "\(event.raw)")
        let publish = try await member.request("stage.publish", ["roomId": room, "kind": "camera", "sdp": "v=0\r\n"])
        #expect(publish.errorCode == "conflict", "\(publish.raw)")
    }

    @Test("the host ends the groups: each group's room is told at once that its stage is empty, and nobody goes live there")
    func groupsEndedByTheHost() async throws {
        let server = try await TestServer.start(Self.unreachableJanus)
        let (host, member, group) = try await Self.group(server, minutes: 10)
        // A refused end changes nothing: the group goes on, its member may still try to go live (Janus is down).
        #expect(try await member.request("breakout.end", ["roomId": 1]).errorCode == "forbidden")
        #expect(try await member.request("stage.publish", ["roomId": group, "kind": "camera", "sdp": "v=0\r\n"]).error["detail"] as? String == "stage_down")
        try await RefusalTests.ok(host, "breakout.end", ["roomId": 1])
        try await Self.expectStageEnded(member, room: group)
        await server.stop()
    }

    @Test("the groups' time is up: their stages end with them, by the server's own timer")
    func groupsEndedByTheClock() async throws {
        let start = Date()
        let skipped = Mutex<Int64>(0)
        let server = try await TestServer.start(clock: {
            Timestamp(milliseconds: Int64(start.timeIntervalSince1970 * 1000) + Int64(Date().timeIntervalSince(start) * 1000) + skipped.withLock { $0 })
        }, Self.unreachableJanus)
        let (_, member, group) = try await Self.group(server, minutes: 1)
        skipped.withLock { $0 = 2 * 60_000 }
        // The timer looks every 10 seconds.
        try await Self.expectStageEnded(member, room: group)
        await server.stop()
    }

    /// The snapshot's `stage.recording` as `socket` reads it on entering room 1 again.
    static func recording(_ socket: TestSocket) async throws -> [String: any Sendable] {
        try await RefusalTests.ok(socket, "room.leave", ["roomId": 1])
        let entered = try await socket.request("room.enter", ["roomId": 1])
        let stage = try #require((entered.data["snapshot"] as? [String: any Sendable])?["stage"] as? [String: any Sendable], "\(entered.raw)")
        return try #require(stage["recording"] as? [String: any Sendable], "\(entered.raw)")
    }

    @Test("stage.record: a participant is refused, bad input is named, Janus down is said; a refused request records nothing")
    func recordRefusals() async throws {
        let server = try await TestServer.start(Self.unreachableJanus)
        let (host, participant, _, _) = try await Self.room(server)
        #expect(try await participant.request("stage.record", ["roomId": 1, "on": true]).errorCode == "forbidden")
        let noSwitch = try await host.request("stage.record", ["roomId": 1])
        #expect(noSwitch.errorCode == "invalid" && noSwitch.error["field"] as? String == "on", "\(noSwitch.raw)")
        #expect(try await host.request("stage.record", ["roomId": 999, "on": true]).errorCode == "not_found")
        let stopNothing = try await host.request("stage.record", ["roomId": 1, "on": false])
        let before = try await Self.recording(host)
        if before["available"] as? Bool == true {
            #expect(stopNothing.error["detail"] as? String == "not_recording", "\(stopNothing.raw)")
            // Allowed, but Janus does not answer: a clear "try again", and the stage is not marked as recorded.
            let down = try await host.request("stage.record", ["roomId": 1, "on": true])
            #expect(down.errorCode == "unavailable" && down.error["detail"] as? String == "stage_down", "\(down.raw)")
        } else {
            // No janus-pp-rec on this machine: recording is said to be unavailable.
            #expect(stopNothing.error["detail"] as? String == "recording_unavailable", "\(stopNothing.raw)")
        }
        #expect(try await Self.recording(host)["recording"] as? Bool == false)
        #expect(try await Self.recording(participant)["recording"] as? Bool == false)
        await server.stop()
    }
}
