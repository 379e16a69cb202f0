import Foundation
import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Profiles, blocks and direct messages in PostgreSQL (the cluster's ``PeopleStore``). A direct message's events go in
/// the log in its transaction and reach both people on whichever node they are.
public final class PostgresPeople: PeopleStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    public func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person {
        let logger = logger
        return try await context.write { connection, _ in try await Self.applyProfile(edit, user: user, on: connection, logger: logger) }
    }

    /// Applies `edit` to the person's profile (and name), in the caller's transaction.
    static func applyProfile(_ edit: ProfileEdit, user: UserID, on connection: PostgresConnection, logger: Logger) async throws -> Person {
        // The person's row, locked as a photo change locks it: the profile read here is still the profile written.
        try await connection.query("SELECT 1 FROM users WHERE id = \(user.rawValue) FOR NO KEY UPDATE", logger: logger)
        var known = Set<String>()
        for try await key in try await connection.query("SELECT key FROM interests", logger: logger).decode(String.self) { known.insert(key) }
        let current = try await Self.profile(of: user.rawValue, on: connection, logger: logger)
        // Keys the person already had stay valid even if the organisers dropped them from the list.
        let profile = try edit.apply(to: current, known: known.union(current.interests).union(current.offers).union(current.seeks))
        if let name = edit.displayName {
            try await connection.query("UPDATE users SET display_name = \(try Validate.displayName(name)) WHERE id = \(user.rawValue)", logger: logger)
        }
        let data = try ColumnJSON.encode(profile)
        try await connection.query("""
            INSERT INTO profiles(user_id, data) VALUES (\(user.rawValue), \(data)) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data
            """, logger: logger)
        let person = try await Self.person(user.rawValue, on: connection, logger: logger)
        return Person(id: UserID(user.rawValue), displayName: person.displayName, profile: profile, online: true)
    }

    public func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try Contact.mayBlock(blocked, by: blocker)
            _ = try await Self.person(blocked.rawValue, on: connection, logger: logger)
            if on {
                try await connection.query("""
                    INSERT INTO blocks(blocker_id, blocked_id) VALUES (\(blocker.rawValue), \(blocked.rawValue)) ON CONFLICT DO NOTHING
                    """, logger: logger)
            } else {
                try await connection.query("DELETE FROM blocks WHERE blocker_id = \(blocker.rawValue) AND blocked_id = \(blocked.rawValue)", logger: logger)
            }
        }
    }

    public func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            try await PostgresIdempotency.run(user: sender.id, key: key, type: MessageType.dmSend.rawValue, now: now, on: connection, logger: logger) {
                let to = try await Self.person(recipient, on: connection, logger: logger)
                try Contact.mayWrite(from: sender.id, to: UserID(recipient),
                                     blocked: try await Self.blocked(around: sender.id, on: connection, logger: logger).contains(UserID(recipient)))
                var made: Int64?
                for try await id in try await connection.query("""
                    INSERT INTO direct_messages(from_id, to_id, text, at) VALUES (\(sender.id.rawValue), \(recipient), \(text), \(now.milliseconds))
                    RETURNING id
                    """, logger: logger).decode(Int64.self) {
                    made = id
                }
                guard let id = made else { throw DomainError(.internal, "a direct message was not stored") }
                let message = DirectMessage(id: DirectMessageID(id), from: Author(id: sender.id, displayName: sender.displayName, badge: Badge.of(role: sender.role)),
                                            to: to, text: text, at: now)
                let mine = try await context.append(.people(.directMessage(message)), to: .user(sender.id), at: now, on: connection)
                let theirs = try await context.append(.people(.directMessage(message)), to: .user(UserID(recipient)), at: now, on: connection)
                appended += [mine, theirs]
                return Created(id: id, seq: mine.seq)
            }
        }
    }

    public func dmHistory(user: UserID, with other: Int64, before: DirectMessageID?) async throws -> DirectMessagePage {
        let logger = logger
        return try await context.read { connection in
            var messages: [DirectMessage] = []
            for try await (id, fromID, fromName, fromRole, toID, toName, toRole, text, at) in try await connection.query("""
                SELECT m.id, m.from_id, f.display_name, f.role, m.to_id, t.display_name, t.role, m.text, m.at FROM direct_messages m
                JOIN users f ON f.id = m.from_id JOIN users t ON t.id = m.to_id
                WHERE ((m.from_id = \(user.rawValue) AND m.to_id = \(other)) OR (m.from_id = \(other) AND m.to_id = \(user.rawValue)))
                  AND m.id < \(before?.rawValue ?? Int64.max)
                ORDER BY m.id DESC LIMIT 51
                """, logger: logger).decode((Int64, Int64, String, String, Int64, String, String, String, Int64).self) {
                messages.append(DirectMessage(id: DirectMessageID(id), from: Author(id: UserID(fromID), displayName: fromName, storedRole: fromRole), to: Author(id: UserID(toID), displayName: toName, storedRole: toRole), text: text,
                                              at: Timestamp(milliseconds: at)))
            }
            return DirectMessagePage(messages: Array(messages.prefix(50).reversed()), more: messages.count > 50)
        }
    }


    /// A person as others see them beside what they wrote; `notFound` when there is no such person.
    static func person(_ id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Author {
        var found: Author?
        for try await (name, role) in try await connection.query("SELECT display_name, role FROM users WHERE id = \(id)", logger: logger)
            .decode((String, String).self) {
            found = Author(id: UserID(id), displayName: name, storedRole: role)
        }
        guard let found else { throw DomainError(.notFound, "No such person", field: "userId") }
        return found
    }

    static func profile(of user: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Profile {
        var profile = Profile()
        for try await data in try await connection.query("SELECT data FROM profiles WHERE user_id = \(user)", logger: logger).decode(String.self) {
            profile = try ColumnJSON.decode(data)
        }
        return profile
    }

    /// Everyone `user` has blocked or is blocked by.
    static func blocked(around user: UserID, on connection: PostgresConnection, logger: Logger) async throws -> Set<UserID> {
        var blocked = Set<UserID>()
        for try await id in try await connection.query("""
            SELECT blocked_id FROM blocks WHERE blocker_id = \(user.rawValue) UNION SELECT blocker_id FROM blocks WHERE blocked_id = \(user.rawValue)
            """, logger: logger).decode(Int64.self) {
            blocked.insert(UserID(id))
        }
        return blocked
    }
}

/// Idempotency keys in PostgreSQL: a retry of a request with the same key gets the first reply and changes nothing.
enum PostgresIdempotency {
    /// Runs `work` once per (user, key), in the caller's transaction, so that the reply and the work commit together.
    static func run<Reply: Codable & Sendable>(user: UserID, key: String?, type: String, now: Timestamp, on connection: PostgresConnection,
                                               logger: Logger, work: () async throws -> Reply) async throws -> Reply {
        guard let key else { return try await work() }
        try RequestKey.check(key)
        // Two requests with one key at once (a retry while the first is still running): the second waits here until the
        // first commits, then replays its reply instead of doing the work again.
        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(key), \(user.rawValue)))", logger: logger)
        for try await (storedType, reply) in try await connection.query(
            "SELECT type, reply FROM idempotency_keys WHERE user_id = \(user.rawValue) AND key = \(key)", logger: logger).decode((String, String).self) {
            try RequestKey.mayReplay(storedType: storedType, type: type)
            return try JSONDecoder().decode(Reply.self, from: Data(reply.utf8))
        }
        let reply = try await work()
        let stored = String(decoding: try JSONEncoder().encode(reply), as: UTF8.self)
        try await connection.query("""
            INSERT INTO idempotency_keys(user_id, key, type, reply, created_at) VALUES (\(user.rawValue), \(key), \(type), \(stored), \(now.milliseconds))
            """, logger: logger)
        return reply
    }
}
