import GRDB

/// Mail beyond recovery: attachments on outbox rows (a meeting's `.ics`), the topics each person turned off, a
/// server key (the one-click unsubscribe links are signed with it), an index to find a person's latest mail of a
/// kind (the console's invitation progress), announcements also sent by mail, and the days whose morning digest
/// is queued (once per day, whichever process gets there first).
enum Migration15 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE mail_outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE announcements ADD COLUMN by_mail INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX mail_outbox_user_kind ON mail_outbox(user_id, kind);
            CREATE TABLE mail_preferences (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (user_id, topic)
            ) WITHOUT ROWID;
            CREATE TABLE mail_digests (
                day TEXT PRIMARY KEY,
                queued_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE server_keys (
                name TEXT PRIMARY KEY,
                key BLOB NOT NULL
            );
            """)
    }
}
