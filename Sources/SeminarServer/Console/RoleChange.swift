import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// A person's role as stored, applied to their open sockets at once — whoever changed it (the console's `role.set`, a
/// participants import, the `seminar` command seen by the periodic check): each socket takes the role for its next
/// request, and every subscription the person may no longer hold (the desk queue for a former agent, a breakout group a
/// former host is not a member of) ends with an ephemeral `subscription.ended {topic, reason: "role"}` on that socket.
struct RoleChange {
    let services: Services

    /// Applies the stored role of `user`; returns how many subscriptions ended.
    @discardableResult
    func apply(to user: UserID) async throws -> Int {
        let connections = services.hub.connections(of: user)
        guard !connections.isEmpty, let record = try await services.database.user(id: user) else { return 0 }
        var ended = 0
        for connection in connections {
            connection.setRole(record.role)
            for name in connection.topics {
                guard let topic = Topic(name), try await !mayHold(topic, record, connection: connection) else { continue }
                try await end(name, on: connection)
                ended += 1
            }
        }
        return ended
    }

    /// Whether the person, as they are now, may keep following `topic` on `connection`.
    private func mayHold(_ topic: Topic, _ user: UserRecord, connection: Connection) async throws -> Bool {
        guard case .room(let id) = topic else {
            return (try? topic.canSubscribe(user: user.id, role: user.role).get()) != nil
        }
        guard let facts = try? await services.database.roomFacts(room: id, for: user).facts else { return false }
        return (try? RoomAccess.decide(.stay, facts, entered: true, now: services.clock()).get()) != nil
    }

    private func end(_ topic: String, on connection: Connection) async throws {
        services.hub.unsubscribe(connection, topic: topic)
        let frame = Outgoing.event(topic: topic, seq: nil, type: .subscriptionEnded, at: services.clock(),
                                   dataJSON: #"{"topic":"\#(topic)","reason":"role"}"#)
        connection.send(ByteBuffer(string: frame))
        if case .room(let id)? = Topic(topic), let user = connection.user {
            try await services.rooms.lower(room: id, user: user)
            services.rooms.presenceChanged(room: id)
        }
    }
}
