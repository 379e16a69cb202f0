import Crypto
import Foundation
import GRDB
import SeminarCore

/// Uploaded files' bytes, stored once per content under `<data>/files/<first two hex digits>/<sha256>`.
public struct FileStore: Sendable {
    public let directory: String

    public init(dataDirectory: String) {
        directory = (dataDirectory as NSString).appendingPathComponent("files")
    }

    /// Where the bytes with this hash live. The hash is checked to be 64 hex digits, so no path can be smuggled in.
    public func path(sha256: String) -> String? {
        guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return (directory as NSString).appendingPathComponent("\(sha256.prefix(2))/\(sha256)")
    }

    /// Where the smaller rendition of an image with this hash lives (beside it), if one was made.
    public func renditionPath(sha256: String) -> String? {
        path(sha256: sha256).map { $0 + ".small.webp" }
    }

    /// Keeps the smaller rendition of the image `sha256`.
    public func saveRendition(sha256: String, bytes: [UInt8]) throws {
        guard let path = renditionPath(sha256: sha256) else { throw DomainError(.internal, "bad hash") }
        try write(bytes, to: path)
    }

    /// Writes the bytes (atomically: a temporary file renamed into place) unless the same content is there already.
    public func save(_ bytes: [UInt8]) throws -> String {
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        guard let path = path(sha256: sha) else { throw DomainError(.internal, "bad hash") }
        try write(bytes, to: path)
        return sha
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { return }
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = path + ".\(UUID().uuidString).part"
        guard manager.createFile(atPath: temporary, contents: Data(bytes)) else { throw DomainError(.internal, "cannot write the file") }
        do {
            try manager.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? manager.removeItem(atPath: temporary)
            // Another upload of the same bytes won the race: theirs is identical.
            if !manager.fileExists(atPath: path) { throw error }
        }
    }
}

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
