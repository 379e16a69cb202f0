/// What a person asks of a room's stage (live video on the room's Janus VideoRoom).
public enum StageAct: Sendable, Equatable {
    /// Go live (`stage.publish`). `liveSpeakers`: people live on the stage now; `alreadyLive`: this person is one of them
    /// (a second feed, e.g. a screen beside the camera, takes no new place).
    case publish(liveSpeakers: Int, alreadyLive: Bool)
    /// Watch the speakers (`stage.watch`, `stage.answer`).
    case watch
    /// Invite someone on stage (`stage.invite`). `invited`: people invited now; `targetInvited`: they are already.
    case invite(invited: Int, targetInvited: Bool)
    /// Take someone off the stage (`stage.remove`).
    case remove
    /// Mute or unmute a speaker's microphone for everyone (`stage.mute`).
    case mute
    /// Start (`on`) or stop recording the stage (`stage.record`). `recording`: whether it is being recorded now.
    case record(on: Bool, recording: Bool)
}

/// What the stage rules need of one room and one person.
public struct StageFacts: Sendable, Equatable {
    /// The room's facts, as `room.enter` reads them.
    public var room: RoomFacts
    /// Whether a host invited this person on the room's stage.
    public var invited: Bool
    /// The most people live on a stage at once (`stageMaxSpeakers`).
    public var maxSpeakers: Int
    /// Whether the server has a stage at all (a Janus is configured).
    public var available: Bool
    /// Whether the stage can be recorded (a Janus, and `janus-pp-rec` to turn its recordings into files a browser plays).
    public var recordable: Bool

    public init(room: RoomFacts, invited: Bool, maxSpeakers: Int, available: Bool, recordable: Bool = false) {
        self.room = room
        self.invited = invited
        self.maxSpeakers = maxSpeakers
        self.available = available
        self.recordable = recordable
    }
}

/// The one answer to "may this person do this on the room's stage". Watching is being in the room (the same rule as
/// `room.enter`, through ``RoomAccess``); going live is for the room's hosts and organisers and the people they
/// invited, while the room is open or live, up to `maxSpeakers` at once; inviting, removing and muting are for hosts. A
/// breakout group is a group call: each member goes live in their own group, as many as the group holds. Recording is
/// for the hosts of a session room (its replay goes on the session's page), started while the room is live.
public enum StageRules {
    /// - Parameter entered: whether the asking socket has entered the room.
    public static func decide(_ act: StageAct, _ facts: StageFacts, entered: Bool, now: Timestamp) -> Result<Void, DomainError> {
        // Who the person is in the room first, then whether there is a stage, then its room.
        switch act {
        case .watch:
            return RoomAccess.decide(.read, facts.room, entered: entered, now: now).flatMap { available(facts) }
        case .publish(let live, let alreadyLive):
            if case .failure(let refusal) = RoomAccess.decide(.speak, facts.room, entered: entered, now: now) { return .failure(refusal) }
            let groupCall = isGroupCall(facts.room)
            guard facts.room.isHost || facts.invited || groupCall else {
                return .failure(DomainError(.forbidden, "Only the room's hosts and the people they invite can go on stage", field: "roomId"))
            }
            guard facts.available else { return .failure(unavailable) }
            guard alreadyLive || groupCall || live < facts.maxSpeakers else {
                return .failure(DomainError(.conflict, "The stage is full (\(facts.maxSpeakers) speakers)", field: "roomId", detail: "full"))
            }
            return .success(())
        case .invite(let invited, let targetInvited):
            if case .failure(let refusal) = RoomAccess.decide(.host, facts.room, entered: entered, now: now) { return .failure(refusal) }
            guard facts.available else { return .failure(unavailable) }
            guard targetInvited || invited < facts.maxSpeakers else {
                return .failure(DomainError(.conflict, "The stage is full (\(facts.maxSpeakers) speakers)", field: "userId", detail: "full"))
            }
            return .success(())
        case .remove, .mute:
            return RoomAccess.decide(.host, facts.room, entered: entered, now: now).flatMap { available(facts) }
        case .record(let on, let recording):
            return RoomAccess.decide(.host, facts.room, entered: entered, now: now).flatMap { available(facts) }.flatMap {
                record(on: on, recording: recording, facts)
            }
        }
    }

    private static func record(on: Bool, recording: Bool, _ facts: StageFacts) -> Result<Void, DomainError> {
        guard facts.room.kind == "session" else {
            return .failure(DomainError(.invalid, "Only a session room's stage is recorded (its replay goes on the session's page)", field: "roomId"))
        }
        guard facts.recordable else { return .failure(recordingUnavailable) }
        guard on else {
            return recording ? .success(()) : .failure(DomainError(.conflict, "The stage is not being recorded", field: "on", detail: "not_recording"))
        }
        guard !recording else { return .failure(DomainError(.conflict, "The stage is being recorded already", field: "on", detail: "recording")) }
        guard facts.room.state == .live else {
            return .failure(DomainError(.conflict, "Recording starts only while the room is live", field: "roomId", detail: "not_live"))
        }
        return .success(())
    }

    /// A breakout group's member, in their group: a group call, everyone may be seen.
    public static func isGroupCall(_ room: RoomFacts) -> Bool {
        room.kind == "breakout" && room.isMember == true
    }

    private static func available(_ facts: StageFacts) -> Result<Void, DomainError> {
        facts.available ? .success(()) : .failure(unavailable)
    }

    /// No `janus-pp-rec` on the server (or no Janus): the stage plays live but is not recorded.
    public static let recordingUnavailable = DomainError(.unavailable, "Recording is not available on this server", field: "on",
                                                         detail: "recording_unavailable")

    /// No Janus configured: rooms play their stream address.
    public static let unavailable = DomainError(.unavailable, "The stage is not available on this server: the room plays its stream address",
                                                detail: "stage_unavailable")
}
