import GRDB

/// Meeting reminders already sent.
enum Migration8 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meeting_reminders_sent (
                meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (meeting_id, user_id)
            ) WITHOUT ROWID;
            """)
    }
}
