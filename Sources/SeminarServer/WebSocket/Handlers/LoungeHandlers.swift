import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// `lounge.enter` and `lounge.leave`: who is in the networking lounge now, told to the others there (never to people
/// blocked either way).
struct LoungeHandlers {
    let services: Services

    /// Enters the lounge: the people there now, then their comings and goings. Others are told only when the person was
    /// not there yet (on another tab); entering again answers the snapshot and changes nothing.
    func enter(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let hub = services.hub, here = services.here
        let topic = Topic.lounge.description
        let wasPresent = here.isIn(topic, user: user.id)
        let already = session.connection.isSubscribed(topic)
        // Hold live events first, then read: nobody who comes in between is missed.
        if !already { hub.beginSubscription(session.connection, topic: topic) }
        let reply: String, me: PersonView, hidden: Set<UserID>
        do {
            let present = here.people(topic).subtracting([user.id])
            let people = try await services.database.searchPeople(viewer: user.id, filter: PeopleFilter(among: present, limit: 500)) { here.isOnline($0) }
            reply = try Outgoing.reply(to: info.id, SubscribeReply(topic: topic, seq: 0, snapshot: PeopleReply(people: people.map(PersonView.init))))
            me = PersonView(try await services.database.person(user.id.rawValue, viewer: user.id, online: true))
            hidden = try await services.database.blockedAround(user.id).union([user.id])
        } catch {
            if !already { hub.unsubscribe(session.connection, topic: topic) }
            throw error
        }
        if already {
            session.connection.send(reply)
            return .sent
        }
        hub.finishSubscription(session.connection, topic: topic, reply: ByteBuffer(string: reply), replay: [], startAfter: 0)
        // The lounge's durable events (the grid) from the log's head on: what came before is in the pages people load.
        try await services.feed.followFromHead(.lounge)
        if Presence.change(wasPresent: wasPresent, isPresent: true) == .joined {
            try announcePresence(type: .loungeJoined, data: ["person": me], hidden: hidden)
        }
        return .sent
    }

    /// Leaves the lounge; others are told when the person's last tab there has left. Not being in it changes nothing.
    func leave(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let hub = services.hub
        let topic = Topic.lounge.description
        guard session.connection.isSubscribed(topic) else { return .reply(EmptyPayload()) }
        let hidden = try await services.database.blockedAround(user.id).union([user.id])
        hub.unsubscribe(session.connection, topic: topic)
        if Presence.change(wasPresent: true, isPresent: services.here.isIn(topic, user: user.id)) == .left {
            try announcePresence(type: .loungeLeft, data: ["userId": user.id.rawValue], hidden: hidden)
        }
        return .reply(EmptyPayload())
    }

    /// Presence goes to everyone in the lounge but the people blocked either way.
    private func announcePresence(type: EventType, data: some Encodable, hidden: Set<UserID>) throws {
        let frame = Outgoing.event(topic: "lounge", seq: nil, type: type, at: services.clock(), dataJSON: try Outgoing.json(data))
        services.ephemeral.publish(topic: "lounge", frame: frame, skipping: hidden)
    }
}
