import GRDB

/// Read marks: how far a person has read a conversation (a desk ticket), kept for the person rather than the tab, so
/// that reading on one device clears the count on the others.
enum Migration16 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE read_marks (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                thread TEXT NOT NULL,
                read_up_to INTEGER NOT NULL,
                PRIMARY KEY (user_id, thread)
            ) WITHOUT ROWID;
            """)
    }
}
