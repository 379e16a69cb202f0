import GRDB

/// Sign-in sessions by when they expire: each sign-in deletes the expired ones, which without this read every row.
enum Migration18 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX auth_sessions_expires ON auth_sessions(expires_at)")
    }
}
