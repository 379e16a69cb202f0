import GRDB

/// Reminders already sent, so each goes out once.
enum Migration4 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reminders_sent (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                starts_at INTEGER NOT NULL,
                PRIMARY KEY (user_id, session_id, starts_at)
            ) WITHOUT ROWID;
            """)
    }
}
