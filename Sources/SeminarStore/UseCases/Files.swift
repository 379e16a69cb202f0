import GRDB
import SeminarCore

extension AppDatabase {
    /// Records an upload whose bytes are in the file store.
    public func recordFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) async throws -> StoredFile {
        try await writer.write { db in
            StoredFile(id: try Self.insertFile(db, sha256: sha256, name: name, type: type, size: size, uploader: uploader, now: now),
                     name: name, type: type, size: size, sha256: sha256)
        }
    }

    /// Records a stored file; its id.
    static func insertFile(_ db: Database, sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) throws -> FileID {
        try db.cachedStatement(sql: "INSERT INTO files(sha256, name, type, size, uploader_id, created_at) VALUES (?, ?, ?, ?, ?, ?)").execute(
                       arguments: [sha256, name, type, size, uploader.rawValue, now.milliseconds])
        return FileID(db.lastInsertedRowID)
    }

    public func file(id: FileID) async throws -> StoredFile? {
        try await writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM files WHERE id = ?"), arguments: [id]).map(Self.storedFile)
        }
    }

    static func storedFile(_ row: Row) -> StoredFile {
        StoredFile(id: row["id"], name: row["name"], type: row["type"], size: row["size"], sha256: row["sha256"])
    }
}
