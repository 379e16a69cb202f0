import GRDB

/// Announcements know their language, so that readers of another one see them marked. Older rows keep NULL:
/// their language is unknown, and they are shown unmarked.
enum Migration12 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE announcements ADD COLUMN lang TEXT")
    }
}
