import GRDB

/// Breakout rooms (children of a room, with members and an end) and the all-week channel with its programmes.
enum Migration5 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE rooms ADD COLUMN parent_room_id INTEGER REFERENCES rooms(id) ON DELETE CASCADE;
            ALTER TABLE rooms ADD COLUMN name TEXT;
            ALTER TABLE rooms ADD COLUMN ends_at INTEGER;
            CREATE INDEX rooms_parent ON rooms(parent_room_id);
            CREATE TABLE breakout_members (
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (room_id, user_id)
            ) WITHOUT ROWID;
            CREATE TABLE channel_programmes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                title TEXT NOT NULL
            );
            CREATE INDEX channel_programmes_time ON channel_programmes(room_id, starts_at);
            """)
    }
}
