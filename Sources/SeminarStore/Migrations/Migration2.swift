import GRDB

/// Program details, session hosts and revisions, personal agendas, calendar keys, and a room per session.
enum Migration2 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE session_hosts (
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (session_id, user_id)
            ) WITHOUT ROWID;
            CREATE TABLE session_revisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                author_id INTEGER REFERENCES users(id),
                at INTEGER NOT NULL,
                changes TEXT NOT NULL
            );
            CREATE INDEX session_revisions_session ON session_revisions(session_id, id);
            CREATE TABLE agenda_items (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                added_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, session_id)
            ) WITHOUT ROWID;
            CREATE INDEX agenda_items_session ON agenda_items(session_id);
            CREATE TABLE calendar_keys (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE rooms (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id INTEGER UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                locked INTEGER NOT NULL DEFAULT 0,
                capacity INTEGER,
                streams TEXT NOT NULL DEFAULT '{}',
                pinned_message_id INTEGER
            );
            """)
    }
}
