import GRDB
import SeminarCore

/// Faster hub search and feeds: each post keeps its plain-text excerpt (no Markdown parse per result), and the
/// search index ranks with the title weighing most (the FTS5 `rank`, so the engine sorts without a join).
enum Migration11 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE posts ADD COLUMN excerpt TEXT NOT NULL DEFAULT ''")
        for row in try Row.fetchAll(db, sql: "SELECT id, body FROM posts") {
            try db.execute(sql: "UPDATE posts SET excerpt = ? WHERE id = ?",
                           arguments: [Markdown.excerpt(Markdown.parse(row["body"])), row["id"] as Int64])
        }
        try db.execute(sql: "INSERT INTO posts_fts(posts_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0)')")
    }
}
