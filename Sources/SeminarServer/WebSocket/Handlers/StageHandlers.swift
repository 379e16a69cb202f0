import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// The stage: going live (`stage.publish`, `stage.unpublish`), watching (`stage.watch`, `stage.answer`), and the
/// hosts' invitations (`stage.invite`, `stage.remove`) and recording (`stage.record`). Every request is decided by ``StageRules`` on the room's
/// facts before any call to Janus.
struct StageHandlers {
    let services: Services

    /// The largest session description taken (a browser's offer is a few KiB).
    static let sdpLimit = 64 * 1024

    func publish(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StagePublishRequest.self)
        let room = try roomID(payload.roomId)
        guard let kind = payload.kind, ["camera", "screen"].contains(kind) else { throw DomainError.invalid("kind", "kind must be camera or screen") }
        let offer = try Self.sdp(payload.sdp)
        let live = services.stage.speakers(room: room, user: user.id)
        try await decide(.publish(liveSpeakers: live.count, alreadyLive: live.includes), room: room, user: user, session: session)
        let (answer, feedId) = try await services.stage.publish(room: room, user: user, kind: kind, offer: offer, connection: session.connection.id)
        return .reply(StagePublishReply(sdp: answer, feedId: feedId))
    }

    func unpublish(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StageUnpublishRequest.self)
        let room = try roomID(payload.roomId)
        guard services.stage.available else { throw StageRules.unavailable }
        guard await services.stage.unpublish(room: room, user: user.id, feedId: payload.feedId) else {
            throw DomainError(.notFound, "You have no feed on this stage", field: payload.feedId == nil ? "roomId" : "feedId")
        }
        return .reply(EmptyPayload())
    }

    func watch(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StageWatchRequest.self)
        let room = try roomID(payload.roomId)
        if let feeds = payload.feedIds, feeds.count > services.stage.maxSpeakers * 2 { throw DomainError.invalid("feedIds", "too many feeds") }
        try await decide(.watch, room: room, user: user, session: session)
        return .reply(try await services.stage.watch(room: room, feedIds: payload.feedIds, connection: session.connection.id))
    }

    func answer(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        _ = try session.requireUser()
        let payload = try info.request.payload(StageAnswerRequest.self)
        guard let watchId = payload.watchId else { throw DomainError.invalid("watchId", "watchId is required") }
        let answer = try Self.sdp(payload.sdp)
        guard services.stage.available else { throw StageRules.unavailable }
        try await services.stage.answer(watchId: watchId, sdp: answer, connection: session.connection.id)
        return .reply(EmptyPayload())
    }

    func invite(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let (user, room, target) = try speaker(info, session: session)
        let check = stageCheck(session: session)
        try await services.database.inviteToStage(room: room, user: target, by: user, now: services.clock()) { facts, invited, already in
            try check(.invite(invited: invited, targetInvited: already), facts, false)
        }
        await services.stage.announce(room: room)
        return .reply(EmptyPayload())
    }

    func remove(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let (user, room, target) = try speaker(info, session: session)
        let check = stageCheck(session: session)
        try await services.database.removeFromStage(room: room, user: target, by: user) { facts in try check(.remove, facts, false) }
        let feedsEnded = await services.stage.unpublish(room: room, user: target)
        if !feedsEnded { await services.stage.announce(room: room) }
        return .reply(EmptyPayload())
    }

    func mute(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StageMuteRequest.self)
        let room = try roomID(payload.roomId)
        guard let target = payload.userId else { throw DomainError.invalid("userId", "userId is required") }
        try await decide(.mute, room: room, user: user, session: session)
        try await services.stage.mute(room: room, user: UserID(target), muted: payload.muted ?? true)
        return .reply(EmptyPayload())
    }

    /// Starts (`on: true`) or stops recording the room's stage: the room's hosts, the room live to start.
    func record(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StageRecordRequest.self)
        let room = try roomID(payload.roomId)
        guard let on = payload.on else { throw DomainError.invalid("on", "on must be true (start recording) or false (stop)") }
        try await decide(.record(on: on, recording: services.stage.isRecording(room: room)), room: room, user: user, session: session)
        if on {
            try await services.stage.startRecording(room: room, by: user.id)
        } else {
            await services.stage.stopRecording(room: room)
        }
        return .reply(services.stage.recording(room: room))
    }

    /// `stage.invite` and `stage.remove`'s sender, room and person.
    private func speaker(_ info: RequestInfo, session: SocketSession) throws -> (UserRecord, RoomID, UserID) {
        let user = try session.requireUser()
        let payload = try info.request.payload(StageSpeakerRequest.self)
        let room = try roomID(payload.roomId)
        guard let target = payload.userId else { throw DomainError.invalid("userId", "userId is required") }
        return (user, room, UserID(target))
    }

    /// Reads the room's facts and the person's invitation, and has ``StageRules`` decide as this socket stands.
    private func decide(_ act: StageAct, room: RoomID, user: UserRecord, session: SocketSession) async throws {
        let (facts, invited) = try await services.database.stageFacts(room: room, for: user)
        try stageCheck(session: session)(act, facts, invited)
    }

    private func stageCheck(session: SocketSession) -> @Sendable (StageAct, RoomFacts, Bool) throws -> Void {
        let connection = session.connection, now = services.clock(), stage = services.stage
        return { act, facts, invited in
            let stageFacts = StageFacts(room: facts, invited: invited, maxSpeakers: stage.maxSpeakers, available: stage.available,
                                        recordable: stage.recordable)
            try StageRules.decide(act, stageFacts, entered: connection.isSubscribed(Topic.room(facts.roomId).description), now: now).get()
        }
    }

    static func sdp(_ text: String?) throws -> String {
        guard let text, text.hasPrefix("v=0"), text.utf8.count <= sdpLimit else {
            throw DomainError.invalid("sdp", "sdp must be a session description (v=0…) of at most 64 KiB")
        }
        return text
    }
}
