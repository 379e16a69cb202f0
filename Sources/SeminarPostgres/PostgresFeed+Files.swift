import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Uploads' records (their bytes are in the file store, by SHA-256): a post's attachments, a profile's photo.
extension PostgresFeed {
    public func file(id: FileID) async throws -> StoredFile? {
        let logger = logger
        return try await context.read { connection in
            var found: StoredFile?
            for try await (name, type, size, sha256) in try await connection.query("SELECT name, type, size, sha256 FROM files WHERE id = \(id)", logger: logger)
                .decode((String, String, Int64, String).self) {
                found = StoredFile(id: id, name: name, type: type, size: size, sha256: sha256)
            }
            return found
        }
    }

    /// Records a stored file in the caller's transaction; its id.
    static func insertFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp, on connection: PostgresConnection,
                           logger: Logger) async throws -> FileID {
        guard let id = try await connection.value("""
            INSERT INTO files(sha256, name, type, size, uploader_id, created_at)
            VALUES (\(sha256), \(name), \(type), \(size), \(uploader.rawValue), \(now.milliseconds)) RETURNING id
            """, as: FileID.self, logger: logger)
        else { throw DomainError(.internal, "a file was not recorded") }
        return id
    }
}
