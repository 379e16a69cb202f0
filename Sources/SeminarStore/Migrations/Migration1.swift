import GRDB

/// Accounts, sessions, the durable event log, idempotency keys, announcements and the program's skeleton.
enum Migration1 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                display_name TEXT NOT NULL,
                locale TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE auth_sessions (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX auth_sessions_user ON auth_sessions(user_id);
            CREATE TABLE topics (
                name TEXT PRIMARY KEY,
                last_seq INTEGER NOT NULL,
                pruned_through INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            CREATE TABLE events (
                topic TEXT NOT NULL,
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                at INTEGER NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (topic, seq)
            ) WITHOUT ROWID;
            CREATE INDEX events_at ON events(at);
            CREATE TABLE idempotency_keys (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                type TEXT NOT NULL,
                reply TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, key)
            ) WITHOUT ROWID;
            CREATE TABLE announcements (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                author_id INTEGER NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                level TEXT NOT NULL,
                seq INTEGER NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE seminar (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL,
                tagline TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL
            );
            CREATE TABLE tracks (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL
            );
            CREATE TABLE sessions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE,
                track_id INTEGER REFERENCES tracks(id),
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                details TEXT NOT NULL
            );
            CREATE INDEX sessions_time ON sessions(starts_at, ends_at);
            """)
    }
}
