import Foundation
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
        try await server.database.addHost(user: hostUser.id, session: 1)
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
        #expect(try await server.database.stageSpeakers(room: 1).map(\.userId.rawValue) == [participantID])

        // Now allowed, but Janus does not answer: a clear "try again", and nothing is left behind.
        let down = try await participant.request("stage.publish", offer)
        #expect(down.errorCode == "unavailable" && down.error["detail"] as? String == "stage_down", "\(down.raw)")
        #expect(try await participant.request("stage.unpublish", ["roomId": 1]).errorCode == "not_found")

        // Removed: the invitation goes; going live is refused again.
        try await RefusalTests.ok(host, "stage.remove", ["roomId": 1, "userId": participantID])
        #expect(try await server.database.stageSpeakers(room: 1).isEmpty)
        #expect(try await participant.request("stage.publish", offer).errorCode == "forbidden")
        await server.stop()
    }
}
