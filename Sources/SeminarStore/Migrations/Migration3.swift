import GRDB

/// Live rooms: chat, questions and votes, polls and votes, moderation, attendance.
enum Migration3 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE chat_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                reply_to INTEGER,
                at INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX chat_messages_room ON chat_messages(room_id, id);
            CREATE TABLE questions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                votes INTEGER NOT NULL DEFAULT 0,
                answered INTEGER NOT NULL DEFAULT 0,
                hidden INTEGER NOT NULL DEFAULT 0,
                at INTEGER NOT NULL
            );
            CREATE INDEX questions_room ON questions(room_id);
            CREATE TABLE question_votes (
                question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                PRIMARY KEY (question_id, user_id)
            ) WITHOUT ROWID;
            CREATE TABLE polls (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id INTEGER NOT NULL REFERENCES users(id),
                question TEXT NOT NULL,
                kind TEXT NOT NULL,
                options TEXT NOT NULL,
                closed INTEGER NOT NULL DEFAULT 0,
                at INTEGER NOT NULL
            );
            CREATE INDEX polls_room ON polls(room_id);
            CREATE TABLE poll_votes (
                poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                option INTEGER,
                words TEXT,
                PRIMARY KEY (poll_id, user_id)
            ) WITHOUT ROWID;
            CREATE TABLE room_moderation (
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                muted_until INTEGER,
                removed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (room_id, user_id)
            ) WITHOUT ROWID;
            CREATE TABLE attendance (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id),
                joined_at INTEGER NOT NULL,
                left_at INTEGER
            );
            CREATE INDEX attendance_room ON attendance(room_id, joined_at);
            """)
    }
}
