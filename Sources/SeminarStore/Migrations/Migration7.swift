import GRDB

/// Bilateral meetings: the organisers' grid, availability, requests with their proposed slots, booked meetings.
enum Migration7 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meeting_slots (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                starts_at INTEGER NOT NULL,
                ends_at INTEGER NOT NULL,
                tables INTEGER NOT NULL
            );
            CREATE TABLE availability (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                slot_id INTEGER NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, slot_id)
            ) WITHOUT ROWID;
            CREATE TABLE meeting_requests (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                from_id INTEGER NOT NULL REFERENCES users(id),
                to_id INTEGER NOT NULL REFERENCES users(id),
                message TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX meeting_requests_to ON meeting_requests(to_id, status);
            CREATE INDEX meeting_requests_from ON meeting_requests(from_id, status);
            CREATE TABLE meeting_request_slots (
                request_id INTEGER NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
                slot_id INTEGER NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
                PRIMARY KEY (request_id, slot_id)
            ) WITHOUT ROWID;
            CREATE TABLE meetings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id INTEGER REFERENCES meeting_requests(id),
                slot_id INTEGER NOT NULL REFERENCES meeting_slots(id),
                table_no INTEGER NOT NULL,
                a_id INTEGER NOT NULL REFERENCES users(id),
                b_id INTEGER NOT NULL REFERENCES users(id),
                room_id INTEGER REFERENCES rooms(id),
                status TEXT NOT NULL,
                a_checked_in INTEGER NOT NULL DEFAULT 0,
                b_checked_in INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX meetings_slot ON meetings(slot_id, status);
            CREATE INDEX meetings_a ON meetings(a_id, status);
            CREATE INDEX meetings_b ON meetings(b_id, status);
            CREATE UNIQUE INDEX meetings_table ON meetings(slot_id, table_no) WHERE status = 'booked';
            """)
    }
}
