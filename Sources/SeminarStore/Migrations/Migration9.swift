import GRDB

/// The welcome desk (FAQ, tickets and their transcripts) and the knowledge hub (posts, comments, reactions,
/// uploaded files, and accent-insensitive full-text search over posts).
enum Migration9 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE faq_entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                position INTEGER NOT NULL,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE tickets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                asker_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                page TEXT,
                room_id INTEGER,
                state TEXT NOT NULL,
                agent_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                queued_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                claimed_at INTEGER,
                resolved_at INTEGER,
                resolved_by INTEGER REFERENCES users(id) ON DELETE SET NULL
            );
            CREATE INDEX tickets_state ON tickets(state, queued_at, id);
            CREATE INDEX tickets_asker ON tickets(asker_id, id);
            CREATE INDEX tickets_agent ON tickets(agent_id, state);
            CREATE TABLE ticket_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                link TEXT,
                at INTEGER NOT NULL
            );
            CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, id);
            CREATE TABLE files (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                size INTEGER NOT NULL,
                uploader_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX files_sha ON files(sha256);
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                lang TEXT NOT NULL,
                tags TEXT NOT NULL,
                author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                organisation TEXT NOT NULL,
                session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
                created_at INTEGER NOT NULL,
                comments INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX posts_session ON posts(session_id);
            CREATE TABLE post_tags (
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                tag TEXT NOT NULL,
                PRIMARY KEY (tag, post_id)
            ) WITHOUT ROWID;
            CREATE TABLE post_attachments (
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                file_id INTEGER NOT NULL REFERENCES files(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (post_id, file_id)
            ) WITHOUT ROWID;
            CREATE TABLE post_comments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            CREATE INDEX post_comments_post ON post_comments(post_id, id);
            CREATE TABLE post_reactions (
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                emoji TEXT NOT NULL,
                PRIMARY KEY (post_id, user_id, emoji)
            ) WITHOUT ROWID;
            -- The body as plain text (no markup), so that snippets read well; rowid = posts.id.
            CREATE VIRTUAL TABLE posts_fts USING fts5(
                title, body, tags, tokenize = 'unicode61 remove_diacritics 2'
            );
            """)
    }
}
