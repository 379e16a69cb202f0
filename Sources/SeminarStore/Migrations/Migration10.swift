import GRDB

/// The organiser console: when people were last seen, the audit log, one-time sign-in links, and announcements
/// that expire or wait for their time.
enum Migration10 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE users ADD COLUMN last_seen_at INTEGER;
            CREATE INDEX users_last_seen ON users(last_seen_at);
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE TABLE signin_links (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            );
            ALTER TABLE announcements ADD COLUMN expires_at INTEGER;
            ALTER TABLE announcements ADD COLUMN publish_at INTEGER;
            CREATE INDEX announcements_due ON announcements(publish_at) WHERE publish_at IS NOT NULL;
            """)
    }
}
