import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// `room.enter` / `room.leave` and the host's room controls.
struct RoomHandlers {
    let services: Services

    func enter(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(RoomRequest.self)
        return try await enter(room: try roomID(payload.roomId), since: payload.since, reply: info.id, session: &session)
    }

    /// Enters a room: `room.enter`, and `subscribe room:<id>`, which is the same request by another name. One read
    /// brings the room rule's facts, the snapshot and the events after `since`; the room rule (``RoomAccess``) decides;
    /// then the snapshot, the events after `since`, and live events.
    ///
    /// Live events are held from before the read, so that none falls between the snapshot and them. The person counts
    /// in the room only once the rule lets them in: who is in is counted, the rule decides and the socket is counted in
    /// with no wait between, as if nothing had been read. A failure drops the held events; a socket that was in already
    /// leaves the room (its live events were held), and enters again with its next `room.enter`.
    func enter(room id: RoomID, since: Int64?, reply replyID: Int64, session: inout SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        if let since, since < 0 { throw DomainError.invalid("since", "since must be 0 or more") }
        let topic = Topic.room(id).description
        let already = session.connection.isSubscribed(topic)
        if !already { try TopicHandlers.requireRoomForOneMore(session, settings: services.settings) }
        services.hub.beginSubscription(session.connection, topic: topic, counting: false)
        var counted = false
        let read: (facts: RoomFacts, entry: RoomEntry, replay: Replay)
        let reply: String
        do {
            read = try await services.database.roomSnapshot(room: id, for: user, since: since, now: services.clock())
            let act = RoomAct.enter(alreadyIn: already || services.rooms.isIn(id, user: user.id), present: services.rooms.present(id))
            try RoomAccess.decide(act, read.facts, entered: already, now: services.clock()).get()
            try ReplayLimit.check(events: read.replay.frames.count, outboxSize: services.settings.outboxSize)
            services.hub.countIn(session.connection, topic: topic)
            counted = true
            var snapshot = RoomSnapshot(read.entry, now: services.clock())
            let (hands, queue) = try await services.rooms.hands(room: id)
            snapshot.hands = hands
            snapshot.present = services.rooms.present(id)
            snapshot.you = RoomYou(isHost: read.facts.isHost, mutedUntil: snapshot.you.mutedUntil, handPosition: queue.position(of: user.id),
                                   groupCall: StageRules.isGroupCall(read.facts))
            snapshot.stage = try await services.stage.view(room: id)
            reply = try Outgoing.reply(to: replyID, SubscribeReply(topic: topic, seq: read.replay.latestSeq, snapshot: snapshot))
        } catch {
            if already {
                try? await leave(room: id, session: &session)
            } else {
                services.hub.unsubscribe(session.connection, topic: topic)
                if counted { services.rooms.presenceChanged(room: id) }
            }
            throw error
        }
        services.hub.finishSubscription(session.connection, topic: topic, reply: ByteBuffer(string: reply), replay: read.replay.frames,
                                        startAfter: since ?? read.replay.latestSeq)
        services.feed.follow(read.entry.room.topic, after: since ?? read.replay.latestSeq)
        if !already {
            session.attendance[id] = try await services.database.recordJoin(room: id, user: user.id, now: services.clock())
            services.rooms.presenceChanged(room: id)
        }
        return .sent
    }

    func leave(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let id = try roomID(try info.request.payload(RoomRequest.self).roomId)
        try await leave(room: id, session: &session)
        return .reply(EmptyPayload())
    }

    /// Leaves a room: attendance closed, presence updated, hand lowered.
    func leave(room id: RoomID, session: inout SocketSession) async throws {
        // Leaving a room one is not in changes nothing: no presence event.
        let wasIn = session.attendance[id] != nil || session.connection.isSubscribed(Topic.room(id).description)
        services.hub.unsubscribe(session.connection, topic: Topic.room(id).description)
        if wasIn, let user = session.user { try await services.rooms.lower(room: id, user: user.id) }
        if wasIn { await services.stage.leave(room: id, connection: session.connection.id) }
        if let attendance = session.attendance.removeValue(forKey: id) {
            try await services.database.recordLeave(attendance: attendance, now: services.clock())
        }
        if wasIn { services.rooms.presenceChanged(room: id) }
    }

    /// `room.people`: who is in, for someone in the room (the same rule as reading its chat). The list is the same for
    /// everyone in the room, so it is kept until presence next changes: a big room reads its names once per change.
    func people(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try roomID(try info.request.payload(RoomRequest.self).roomId)
        try roomCheck(.read, session: session, now: services.clock())(try await services.database.roomFacts(room: id, for: user).facts)
        if let kept = services.rooms.keptPeople(id) { return .reply(kept) }
        let version = services.rooms.presenceVersion(id)
        let people = try await services.database.roomPeople(room: id, present: Array(services.here.people(Topic.room(id).description)))
        let list = RoomPeople.list(people)
        let reply = RoomPeopleReply(people: list.shown.map { AuthorView(id: $0.id.rawValue, displayName: $0.displayName, badge: $0.badge, photo: $0.photo?.rawValue) },
                                    count: list.count)
        services.rooms.keepPeople(id, reply, version: version)
        return .reply(reply)
    }

    func move(_ info: RequestInfo, _ action: RoomState.Action, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try roomID(try info.request.payload(RoomRequest.self).roomId)
        let state = try await services.database.moveRoom(id, action, by: user, now: services.clock())
        // An ended room's stage ends with it.
        if state == .ended { await services.stage.end(rooms: [id]) }
        return .reply(RoomStateReply(state: state.rawValue))
    }

    func lock(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(RoomLockRequest.self)
        guard payload.locked != nil || payload.capacity != nil else { throw DomainError.invalid("locked", "give locked (true or false) or a capacity") }
        if let capacity = payload.capacity, !(0...100_000).contains(capacity) {
            throw DomainError.invalid("capacity", "capacity must be 0 (no limit) to 100000")
        }
        return .reply(RoomView(try await services.database.setAccess(try roomID(payload.roomId), locked: payload.locked, capacity: payload.capacity,
                                                                     by: user, now: services.clock())))
    }

    func stream(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(StreamSetRequest.self)
        let stream = try StreamRules.validate(url: payload.url, language: payload.language, embedHosts: services.settings.embedHosts,
                                                mediaHosts: services.settings.mediaHosts)
        return .reply(RoomView(try await services.database.setStream(try roomID(payload.roomId), language: stream.language, url: stream.url,
                                                                     by: user, now: services.clock())))
    }

    func pin(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PinRequest.self)
        return .reply(RoomView(try await services.database.pin(try roomID(payload.roomId), message: payload.messageId, by: user, now: services.clock())))
    }

    func mute(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(MuteRequest.self)
        let minutes = try Moderation.muteMinutes(payload.minutes)
        guard let target = payload.userId else { throw DomainError.invalid("userId", "userId is required") }
        let until = try await services.database.mute(try roomID(payload.roomId), user: UserID(target), minutes: minutes, by: user, now: services.clock())
        return .reply(["until": until?.iso8601])
    }

    func remove(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(PersonInRoomRequest.self)
        let id = try roomID(payload.roomId)
        guard let target = payload.userId else { throw DomainError.invalid("userId", "userId is required") }
        try await services.database.removeFromRoom(id, user: UserID(target), by: user, now: services.clock())
        // The `room.removed` event is already queued to them; now they stop receiving the room.
        for connection in services.hub.connections(of: UserID(target)) {
            services.hub.unsubscribe(connection, topic: Topic.room(id).description)
            await services.stage.leave(room: id, connection: connection.id)
        }
        try await services.rooms.lower(room: id, user: UserID(target))
        services.rooms.presenceChanged(room: id)
        return .reply(EmptyPayload())
    }
}

func roomID(_ value: RoomID?) throws -> RoomID {
    guard let value, value.rawValue > 0 else { throw DomainError.invalid("roomId", "roomId is required") }
    return value
}

/// The room rule for `act` as this socket stands, to be decided on the room's facts where they are read.
func roomCheck(_ act: RoomAct, session: SocketSession, now: Timestamp) -> RoomCheck {
    let connection = session.connection
    return { facts in
        try RoomAccess.decide(act, facts, entered: connection.isSubscribed(Topic.room(facts.roomId).description), now: now).get()
    }
}
