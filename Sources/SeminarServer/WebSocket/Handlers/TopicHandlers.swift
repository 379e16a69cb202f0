import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// `subscribe` (snapshot, then every event after `since`, then live) and `unsubscribe`.
struct TopicHandlers {
    let services: Services

    func subscribe(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(SubscribeRequest.self)
        guard let user = session.user else { throw DomainError(.unauthenticated, "Send hello first") }
        guard let name = payload.topic, let topic = Topic(name) else {
            throw DomainError(.notFound, "No such topic", field: "topic")
        }
        // A room's topic is entered by the room rule, whichever request asks.
        if case .room(let id) = topic {
            return try await RoomHandlers(services: services).enter(room: id, since: payload.since, reply: info.id, session: &session)
        }
        try topic.canSubscribe(user: user.id, role: user.role).get()
        if let since = payload.since, since < 0 { throw DomainError.invalid("since", "since must be 0 or more") }
        let hub = services.hub
        let connection = session.connection
        if !connection.isSubscribed(topic.description) { try Self.requireRoomForOneMore(session, settings: services.settings) }
        // Hold live events first, then read: whatever commits in between is either read or held, never lost.
        hub.beginSubscription(connection, topic: topic.description)
        let read: (snapshot: TopicSnapshot, replay: Replay)
        do {
            read = try await services.database.subscription(topic: topic, since: payload.since, now: services.clock(),
                                                            deskAgents: max(DeskDuty(services: services).agentsOnDuty, 1))
            try ReplayLimit.check(events: read.replay.frames.count, outboxSize: services.settings.outboxSize)
        } catch {
            hub.unsubscribe(connection, topic: topic.description)
            throw error
        }
        let reply = try Outgoing.reply(to: info.id, AnySubscribeReply(topic: topic.description, seq: read.replay.latestSeq, snapshot: read.snapshot.wire))
        hub.finishSubscription(connection, topic: topic.description, reply: ByteBuffer(string: reply), replay: read.replay.frames,
                               startAfter: payload.since ?? read.replay.latestSeq)
        services.feed.follow(topic, after: payload.since ?? read.replay.latestSeq)
        return .sent
    }

    func unsubscribe(_ info: RequestInfo, session: inout SocketSession) async throws -> Outcome {
        let payload = try info.request.payload(UnsubscribeRequest.self)
        guard let name = payload.topic, let topic = Topic(name) else { throw DomainError(.notFound, "No such topic", field: "topic") }
        if case .room(let id) = topic {
            try await RoomHandlers(services: services).leave(room: id, session: &session)
        } else {
            services.hub.unsubscribe(session.connection, topic: topic.description)
        }
        return .reply(EmptyPayload())
    }

    /// A socket follows at most `subscriptionsPerSocket` topics: what one client can make the hub hold is bounded.
    static func requireRoomForOneMore(_ session: SocketSession, settings: Settings) throws {
        let held = session.connection.subscriptionCount
        guard held < settings.subscriptionsPerSocket else {
            throw DomainError(.conflict, "This page follows \(held) topics already: unsubscribe from one first", field: "topic",
                              detail: "subscriptions")
        }
    }
}

/// A subscribe reply whose snapshot's type depends on the topic.
private struct AnySubscribeReply: Encodable, Sendable {
    let topic: String
    let seq: Int64
    let snapshot: any Encodable & Sendable

    enum CodingKeys: String, CodingKey { case topic, seq, snapshot }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(topic, forKey: .topic)
        try c.encode(seq, forKey: .seq)
        try c.encode(snapshot, forKey: .snapshot)
    }
}

extension Replay {
    /// The replayed events as frames for the hub.
    var frames: [(seq: Int64, frame: ByteBuffer)] {
        events.map { event in
            (event.seq, ByteBuffer(string: Outgoing.event(topic: event.topic, seq: event.seq, type: event.type, at: event.at, dataJSON: event.data)))
        }
    }
}
