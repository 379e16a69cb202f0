import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// A room's raised hands in PostgreSQL (the cluster's ``HandStore``): one queue per room whichever node each hand was
/// raised on. Each change reads the room's queue under the room's hands lock, has Core's ``HandQueue`` decide, and
/// writes what it decided: two hands raised at once from two nodes each get their own place, and a hand granted on one
/// node cannot be granted again on another.
public final class PostgresHands: HandStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func raiseHand(room: RoomID, user: UserID, name: String, at: Timestamp) async throws -> (place: Int, raised: Bool) {
        let logger = database.logger
        return try await database.transaction { connection in
            var queue = try await Self.lockedQueue(room, on: connection, logger: logger)
            let result = queue.raise(user, name: name, at: at)
            if result.raised {
                try await connection.query("""
                    INSERT INTO room_hands(room_id, user_id, display_name, raised_at) VALUES (\(room), \(user), \(name), \(at.milliseconds))
                    """, logger: logger)
            }
            return result
        }
    }

    public func lowerHand(room: RoomID, user: UserID) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            // Most people leaving have no hand up: they take no lock (a room of thousands leaving at once would
            // otherwise queue on it, each holding a pooled connection while it waits).
            guard try await connection.exists("SELECT 1 FROM room_hands WHERE room_id = \(room) AND user_id = \(user)", logger: logger)
            else { return false }
            var queue = try await Self.lockedQueue(room, on: connection, logger: logger)
            guard queue.lower(user) else { return false }
            try await connection.query("DELETE FROM room_hands WHERE room_id = \(room) AND user_id = \(user)", logger: logger)
            return true
        }
    }

    public func grantHand(room: RoomID, user: UserID) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            var queue = try await Self.lockedQueue(room, on: connection, logger: logger)
            try queue.grant(user)
            try await connection.query("DELETE FROM room_hands WHERE room_id = \(room) AND user_id = \(user)", logger: logger)
            try await connection.query("""
                INSERT INTO room_hand_grants(room_id, user_id) VALUES (\(room), \(user))
                ON CONFLICT (room_id) DO UPDATE SET user_id = EXCLUDED.user_id
                """, logger: logger)
        }
    }

    public func hands(room: RoomID) async throws -> HandQueue {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            try await Self.queue(room, on: connection, logger: logger)
        }
    }

    /// The room's queue, with the room's hands lock held until the transaction ends.
    private static func lockedQueue(_ room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> HandQueue {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended('room_hands', \(room.rawValue)))", logger: logger)
        return try await queue(room, on: connection, logger: logger)
    }

    /// The room's queue and its granted hand, in one query.
    private static func queue(_ room: RoomID, on connection: PostgresConnection, logger: Logger) async throws -> HandQueue {
        var hands: [HandQueue.Hand] = []
        var granted: UserID?
        for try await (user, name, raisedAt, grant, _) in try await connection.query("""
            SELECT user_id, display_name, raised_at, false, place FROM room_hands WHERE room_id = \(room)
            UNION ALL SELECT user_id, '', 0, true, 0 FROM room_hand_grants WHERE room_id = \(room)
            ORDER BY 5
            """, logger: logger).decode((UserID, String, Int64, Bool, Int64).self) {
            if grant {
                granted = user
            } else {
                hands.append(HandQueue.Hand(user: user, displayName: name, raisedAt: Timestamp(milliseconds: raisedAt)))
            }
        }
        return HandQueue(hands: hands, granted: granted)
    }
}
