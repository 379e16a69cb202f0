import GRDB

/// Recordings of a session room's stage: one row per speaker's feed made playable (a file under the data folder's
/// `recordings/`, named relative to it), shown on the session's page as a replay.
enum Migration17 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recordings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                speaker_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
                speaker TEXT NOT NULL,
                kind TEXT NOT NULL,
                file TEXT NOT NULL UNIQUE,
                media_type TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER NOT NULL,
                recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL
            );
            CREATE INDEX recordings_room ON recordings(room_id, started_at);
            """)
    }
}
