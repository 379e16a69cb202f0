import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// People's roles in PostgreSQL (the cluster's ``RoleStore``), set by organisers (``RoleRules``); the person is told on
/// their own topic, on whichever node they are.
public final class PostgresRoles: RoleStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    public func setRole(of userId: Int64, to role: Role, roomId: RoomID?, by actor: UserRecord, now: Timestamp) async throws -> PersonRole {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            guard let name = try await connection.value("SELECT display_name FROM users WHERE id = \(userId) FOR UPDATE", as: String.self, logger: logger)
            else { throw DomainError(.notFound, "No person \(userId)", field: "userId") }
            try RoleRules.maySet(role, of: UserID(userId), withRoom: roomId != nil, by: actor.id)
            // Every check before the first write.
            var session: SessionID?
            if let roomId { session = try await Self.session(ofRoom: roomId, on: connection, logger: logger) }
            try await Self.changeRole(of: userId, to: role, on: connection, logger: logger)
            if let session {
                try await connection.query("INSERT INTO session_hosts(session_id, user_id) VALUES (\(session), \(userId)) ON CONFLICT DO NOTHING",
                                           logger: logger)
            }
            appended.append(try await context.append(.access(.roleChanged(role: role, roomId: roomId)), to: .user(UserID(userId)), at: now, on: connection))
            if let roomId {
                appended.append(try await context.append(.access(.hostingChanged(roomId: roomId, hosting: true)), to: .user(UserID(userId)), at: now,
                                                         on: connection))
            }
            return PersonRole(id: UserID(userId), displayName: name, role: role)
        }
    }

    public func removeHost(user userId: Int64, room roomId: RoomID, now: Timestamp) async throws {
        let (logger, context) = (logger, context)
        try await context.write { connection, appended in
            let session = try await Self.session(ofRoom: roomId, on: connection, logger: logger)
            try RoleRules.mayStopHosting(isHosting: try await PostgresProgram.hostsSession(UserID(userId), session: session, on: connection, logger: logger))
            try await connection.query("DELETE FROM session_hosts WHERE session_id = \(session) AND user_id = \(userId)", logger: logger)
            appended.append(try await context.append(.access(.hostingChanged(roomId: roomId, hosting: false)), to: .user(UserID(userId)), at: now,
                                                     on: connection))
        }
    }

    /// Stores a person's role. Host rights go with the host role: a person who is neither host nor organiser any more
    /// hosts no session.
    static func changeRole(of userId: Int64, to role: Role, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("UPDATE users SET role = \(role.rawValue) WHERE id = \(userId)", logger: logger)
        if role != .host, role != .organiser {
            try await connection.query("DELETE FROM session_hosts WHERE user_id = \(userId)", logger: logger)
        }
    }

    /// The session a session room belongs to; `notFound` for any other room.
    static func session(ofRoom roomId: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> SessionID {
        guard let session = try await connection.value("SELECT session_id FROM rooms WHERE id = \(roomId) AND session_id IS NOT NULL",
                                                       as: SessionID.self, logger: logger)
        else { throw DomainError(.notFound, "No session room \(roomId)", field: "roomId") }
        return session
    }
}
