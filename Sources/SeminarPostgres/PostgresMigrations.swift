import Logging
import PostgresNIO

/// The cluster's schema, versioned like the SQLite migrations: each version runs once, in order, in one transaction
/// under an advisory lock, so nodes started together migrate once (the others wait, then find it done).
enum PostgresMigrations {
    /// Every version, in order. Never edit one that has shipped: add the next.
    static let versions: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE topics (
                name TEXT PRIMARY KEY,
                last_seq BIGINT NOT NULL,
                pruned_through BIGINT NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE events (
                topic TEXT NOT NULL,
                seq BIGINT NOT NULL,
                type TEXT NOT NULL,
                at BIGINT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (topic, seq)
            )
            """,
            "CREATE INDEX events_at ON events(at)",
        ]),
        // Accounts and sign-in sessions (as SQLite's Migration1: an email is one account however it is cased).
        (2, [
            """
            CREATE TABLE users (
                id BIGSERIAL PRIMARY KEY,
                email TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                display_name TEXT NOT NULL,
                locale TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX users_email ON users(lower(email))",
            """
            CREATE TABLE auth_sessions (
                token_hash BYTEA PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX auth_sessions_user ON auth_sessions(user_id)",
        ]),
        // The mail outbox and the topics each person turned off (as SQLite's Migrations 13 and 15).
        (3, [
            """
            CREATE TABLE mail_outbox (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                recipient TEXT NOT NULL,
                user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                lang TEXT NOT NULL,
                from_name TEXT NOT NULL,
                subject TEXT NOT NULL,
                body_text TEXT NOT NULL,
                body_html TEXT NOT NULL,
                headers TEXT NOT NULL DEFAULT '[]',
                attachments TEXT NOT NULL DEFAULT '[]',
                created_at BIGINT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                sent_at BIGINT,
                last_error TEXT
            )
            """,
            "CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at, id) WHERE status IN ('queued', 'sending')",
            """
            CREATE TABLE mail_preferences (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (user_id, topic)
            )
            """,
        ]),
        // People (as SQLite's Migration 6) and idempotency keys (as its Migration 1).
        (4, [
            "CREATE TABLE profiles (user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, data TEXT NOT NULL)",
            "CREATE TABLE interests (key TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL)",
            """
            CREATE TABLE blocks (
                blocker_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                blocked_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (blocker_id, blocked_id)
            )
            """,
            """
            CREATE TABLE direct_messages (
                id BIGSERIAL PRIMARY KEY,
                from_id BIGINT NOT NULL REFERENCES users(id),
                to_id BIGINT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                at BIGINT NOT NULL,
                read BOOLEAN NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX direct_messages_pair ON direct_messages(from_id, to_id, id)",
            "CREATE INDEX direct_messages_unread ON direct_messages(to_id, read)",
            """
            CREATE TABLE idempotency_keys (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                type TEXT NOT NULL,
                reply TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, key)
            )
            """,
        ]),
    ]

    /// The advisory lock's key (any constant the nodes agree on).
    static let lockKey: Int64 = 0x5345_4D49_4E41_52

    static func run(on client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS seminar_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM seminar_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in versions where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO seminar_migrations(version) VALUES (\(migration.version))", logger: logger)
                logger.info("database migrated", metadata: ["version": "\(migration.version)"])
            }
        }
    }
}
