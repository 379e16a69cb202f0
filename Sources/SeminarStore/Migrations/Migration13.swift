import GRDB

/// Mail: the durable outbox (a mail is enqueued in the transaction that causes it; the sender claims it with a lease
/// before sending) and the one-time password-reset tokens, stored hashed.
///
/// While a mail is `sending`, `next_attempt_at` is the end of its lease: past it, another claim may take it.
enum Migration13 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mail_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                recipient TEXT NOT NULL,
                user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                lang TEXT NOT NULL,
                from_name TEXT NOT NULL,
                subject TEXT NOT NULL,
                body_text TEXT NOT NULL,
                body_html TEXT NOT NULL,
                headers TEXT NOT NULL DEFAULT '[]',
                created_at INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                sent_at INTEGER,
                last_error TEXT
            );
            CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE status IN ('queued', 'sending');
            CREATE TABLE password_resets (
                token_hash BLOB PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            );
            CREATE INDEX password_resets_user ON password_resets(user_id);
            """)
    }
}
