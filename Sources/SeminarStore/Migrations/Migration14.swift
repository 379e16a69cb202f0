import GRDB

/// The stage: who a room's hosts invited to speak. Invitations are durable (a speaker invited before a restart, or
/// who reloads, may still go live); the live feeds themselves are Janus's and are held in memory only.
enum Migration14 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE stage_invitations (
                room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
                invited_at INTEGER NOT NULL,
                PRIMARY KEY (room_id, user_id)
            ) WITHOUT ROWID;
            """)
    }
}
