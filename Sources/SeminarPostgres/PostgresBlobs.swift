import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// Uploaded files' bytes in PostgreSQL (the cluster's ``BlobStore``): any node serves any file. One `blobs` row per
/// content, keyed by its name (``BlobName``), the bytes and the rendition as `bytea`. A save inserts or does nothing
/// (`ON CONFLICT DO NOTHING`), so two nodes saving the same bytes at once both succeed and one row is kept; a rendition
/// is set once, the first one kept.
public final class PostgresBlobs: BlobStore {
    let database: PostgresDatabase

    public init(database: PostgresDatabase) {
        self.database = database
    }

    public func save(_ bytes: [UInt8]) async throws -> String {
        let sha = BlobName.of(bytes)
        let logger = database.logger
        try await database.transaction { connection in
            _ = try await connection.query("INSERT INTO blobs(sha256, bytes) VALUES (\(sha), \(ByteBuffer(bytes: bytes))) ON CONFLICT DO NOTHING",
                                           logger: logger)
        }
        return sha
    }

    public func bytes(sha256: String) async throws -> [UInt8]? {
        try await read("SELECT bytes FROM blobs WHERE sha256 = \(sha256)", sha256: sha256)
    }

    public func saveRendition(sha256: String, bytes: [UInt8]) async throws {
        guard BlobName.isValid(sha256) else { throw DomainError(.internal, "bad hash") }
        let logger = database.logger
        try await database.transaction { connection in
            // Of two saves at once, the second waits for the first's row lock, then finds a rendition and leaves it.
            let set = try await connection.exists("""
                UPDATE blobs SET rendition = \(ByteBuffer(bytes: bytes)) WHERE sha256 = \(sha256) AND rendition IS NULL RETURNING 1
                """, logger: logger)
            if !set, try await !connection.exists("SELECT 1 FROM blobs WHERE sha256 = \(sha256)", logger: logger) {
                throw DomainError(.notFound, "no bytes kept for this rendition")
            }
        }
    }

    public func rendition(sha256: String) async throws -> [UInt8]? {
        try await read("SELECT rendition FROM blobs WHERE sha256 = \(sha256) AND rendition IS NOT NULL", sha256: sha256)
    }

    public func hasRendition(sha256: String) async throws -> Bool {
        guard BlobName.isValid(sha256) else { return false }
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.exists("SELECT 1 FROM blobs WHERE sha256 = \(sha256) AND rendition IS NOT NULL", logger: logger)
        }
    }

    /// The one `bytea` `query` selects; nil when it selects none or `sha256` is not a name.
    private func read(_ query: PostgresQuery, sha256: String) async throws -> [UInt8]? {
        guard BlobName.isValid(sha256) else { return nil }
        let logger = database.logger
        let buffer = try await database.transaction { connection in try await connection.value(query, as: ByteBuffer.self, logger: logger) }
        return buffer.map { Array($0.readableBytesView) }
    }
}
