import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Each person's mail preferences (the topics they turned off), and the server's keys (made once, kept).
extension PostgresMailing {
    public func mailPreferences(of user: UserID) async throws -> MailPreferences {
        let logger = logger
        return try await context.read { connection in try await Self.mailPreferences(of: user, on: connection, logger: logger) }
    }

    static func mailPreferences(of user: UserID, on connection: PostgresConnection, logger: Logger) async throws -> MailPreferences {
        MailPreferences(off: Set(try await connection.values("SELECT topic FROM mail_preferences WHERE user_id = \(user)", as: String.self, logger: logger)
            .compactMap(MailTopic.init(rawValue:))))
    }

    /// Turns a topic on or off for `user`; the preferences after the change. Nil when there is no such person.
    public func setMailTopic(_ topic: MailTopic, on: Bool, for user: UserID) async throws -> MailPreferences? {
        let logger = logger
        return try await context.write { connection, _ in
            guard try await connection.exists("SELECT 1 FROM users WHERE id = \(user)", logger: logger) else { return nil }
            if on {
                try await connection.query("DELETE FROM mail_preferences WHERE user_id = \(user) AND topic = \(topic.rawValue)", logger: logger)
            } else {
                try await connection.query("""
                    INSERT INTO mail_preferences(user_id, topic) VALUES (\(user), \(topic.rawValue)) ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            return try await Self.mailPreferences(of: user, on: connection, logger: logger)
        }
    }

    /// The key named `name`, made by `make` the first time and the same ever after (whichever node asks first: a second
    /// node making it at once waits on the name's primary key, keeps nothing of its own and reads the first one's).
    public func serverKey(named name: String, make: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        let logger = logger
        return try await context.write { connection, _ in
            try await connection.query("""
                INSERT INTO server_keys(name, key) VALUES (\(name), \(ByteBuffer(bytes: make()))) ON CONFLICT (name) DO NOTHING
                """, logger: logger)
            let key = try await connection.value("SELECT key FROM server_keys WHERE name = \(name)", as: ByteBuffer.self, logger: logger)
            return key.map { Array($0.readableBytesView) } ?? []
        }
    }
}
