import SeminarCore
import Testing

@Suite("Who may go live, watch, invite and remove on a room's stage")
struct StageRulesTests {
    static let now = Timestamp(seconds: 1_000)

    static func facts(host: Bool = false, invited: Bool = false, state: RoomState = .live, removed: Bool = false, muted: Bool = false,
                      kind: String = "session", member: Bool? = nil, available: Bool = true, recordable: Bool = true) -> StageFacts {
        let standing = RoomStanding(mutedUntil: muted ? Timestamp(seconds: 2_000) : nil, removed: removed)
        return StageFacts(room: RoomFacts(roomId: RoomID(5), kind: kind, state: state, isHost: host, standing: standing, isMember: member),
                          invited: invited, maxSpeakers: 2, available: available, recordable: recordable)
    }

    static func refusal(_ result: Result<Void, DomainError>) -> DomainError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test("hosts and invited people go live; anyone else is refused")
    func publish() {
        let act = StageAct.publish(liveSpeakers: 0, alreadyLive: false)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(host: true), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(invited: true), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(), entered: true, now: Self.now))?.code == .forbidden)
    }

    @Test("going live needs the room entered, open or live, and the speaker not muted nor removed")
    func publishNeedsTheRoom() {
        let act = StageAct.publish(liveSpeakers: 0, alreadyLive: false)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(invited: true), entered: false, now: Self.now))?.message == "Enter the room first")
        #expect(Self.refusal(StageRules.decide(act, Self.facts(host: true, state: .scheduled), entered: true, now: Self.now))?.code == .conflict)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(invited: true, muted: true), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(act, Self.facts(invited: true, removed: true), entered: true, now: Self.now))?.code == .forbidden)
    }

    @Test("the stage holds maxSpeakers people; a second feed of someone live takes no new place")
    func full() {
        let full = StageRules.decide(.publish(liveSpeakers: 2, alreadyLive: false), Self.facts(host: true), entered: true, now: Self.now)
        #expect(Self.refusal(full)?.detail == "full")
        #expect(Self.refusal(StageRules.decide(.publish(liveSpeakers: 2, alreadyLive: true), Self.facts(host: true), entered: true, now: Self.now)) == nil)
    }

    @Test("a breakout group is a group call: its members go live (as many as it holds), others do not")
    func groupCall() {
        let full = StageAct.publish(liveSpeakers: 9, alreadyLive: false)
        #expect(Self.refusal(StageRules.decide(full, Self.facts(kind: "breakout", member: true), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(full, Self.facts(kind: "breakout", member: false), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(full, Self.facts(kind: "breakout", member: true), entered: false, now: Self.now))?.code == .forbidden)
        #expect(StageRules.isGroupCall(Self.facts(kind: "breakout", member: true).room))
        #expect(!StageRules.isGroupCall(Self.facts(kind: "session").room))
    }

    @Test("watching is being in the room: entered, not removed, a member of a breakout group")
    func watch() {
        #expect(Self.refusal(StageRules.decide(.watch, Self.facts(), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(.watch, Self.facts(state: .open), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(.watch, Self.facts(), entered: false, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(.watch, Self.facts(removed: true), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(.watch, Self.facts(kind: "breakout", member: false), entered: true, now: Self.now))?.code == .forbidden)
    }

    @Test("only hosts invite and remove; invitations stop at maxSpeakers")
    func hosts() {
        #expect(Self.refusal(StageRules.decide(.invite(invited: 0, targetInvited: false), Self.facts(), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(.remove, Self.facts(invited: true), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(.invite(invited: 1, targetInvited: false), Self.facts(host: true), entered: false, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(.invite(invited: 2, targetInvited: false), Self.facts(host: true), entered: true, now: Self.now))?.detail == "full")
        #expect(Self.refusal(StageRules.decide(.invite(invited: 2, targetInvited: true), Self.facts(host: true), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(.remove, Self.facts(host: true), entered: false, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(.mute, Self.facts(invited: true), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(.mute, Self.facts(host: true), entered: true, now: Self.now)) == nil)
    }

    @Test("with no Janus every act is refused as unavailable, before anything else")
    func unavailable() {
        for act in [StageAct.watch, .publish(liveSpeakers: 0, alreadyLive: false), .invite(invited: 0, targetInvited: false), .remove, .mute] {
            #expect(Self.refusal(StageRules.decide(act, Self.facts(host: true, available: false), entered: true, now: Self.now))?.detail == "stage_unavailable")
        }
    }

    @Test("the stage settings: a Janus address with both secrets, or none")
    func settings() throws {
        let parsed = try Settings.parse { key, _ in
            ["janusURL": RawSetting.string("ws://127.0.0.1:8188"), "janusApiSecret": .string("api-s3cret"), "janusAdminKey": .string("admin-s3cret"),
             "stageMaxSpeakers": .int(4)][key]
        }
        #expect(parsed.janusURL == "ws://127.0.0.1:8188" && parsed.stageMaxSpeakers == 4 && parsed.janusAdminKey?.reveal == "admin-s3cret")
        #expect(!"\(parsed)".contains("s3cret"))
        #expect(Settings().janusURL == nil && Settings().stageMaxSpeakers == 6)
        for (values, key) in [(["janusURL": RawSetting.string("ws://127.0.0.1:8188")], "janusApiSecret"),
                              (["janusURL": .string("http://127.0.0.1:8088/janus"), "janusApiSecret": .string("a"), "janusAdminKey": .string("b")], "janusURL"),
                              (["janusApiSecret": .string("a")], "janusURL"), (["stageMaxSpeakers": .int(0)], "stageMaxSpeakers")] {
            #expect(throws: SettingsError.self) { try Settings.parse { k, _ in values[k] } }
            do { _ = try Settings.parse { k, _ in values[k] } } catch { #expect(error.key == key) }
        }
    }

    @Test("recording is for the room's hosts, started while the room is live, stopped while it is recorded")
    func record() {
        let start = StageAct.record(on: true, recording: false), stop = StageAct.record(on: false, recording: true)
        #expect(Self.refusal(StageRules.decide(start, Self.facts(host: true), entered: true, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(stop, Self.facts(host: true, state: .ended), entered: false, now: Self.now)) == nil)
        #expect(Self.refusal(StageRules.decide(start, Self.facts(invited: true), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(stop, Self.facts(), entered: true, now: Self.now))?.code == .forbidden)
        #expect(Self.refusal(StageRules.decide(start, Self.facts(host: true, state: .open), entered: true, now: Self.now))?.detail == "not_live")
        #expect(Self.refusal(StageRules.decide(.record(on: true, recording: true), Self.facts(host: true), entered: true, now: Self.now))?.detail == "recording")
        #expect(Self.refusal(StageRules.decide(.record(on: false, recording: false), Self.facts(host: true), entered: true, now: Self.now))?.detail
                    == "not_recording")
    }

    @Test("recording needs a session room and a server that can record; a participant is refused before either is said")
    func recordUnavailable() {
        let start = StageAct.record(on: true, recording: false)
        #expect(Self.refusal(StageRules.decide(start, Self.facts(host: true, recordable: false), entered: true, now: Self.now))?.detail
                    == "recording_unavailable")
        #expect(Self.refusal(StageRules.decide(start, Self.facts(host: true, available: false), entered: true, now: Self.now))?.detail
                    == "stage_unavailable")
        #expect(Self.refusal(StageRules.decide(start, Self.facts(host: true, kind: "breakout", member: true), entered: true, now: Self.now))?.code
                    == .invalid)
        #expect(Self.refusal(StageRules.decide(start, Self.facts(available: false, recordable: false), entered: true, now: Self.now))?.code
                    == .forbidden)
    }
}
