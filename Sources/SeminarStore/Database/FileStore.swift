import Foundation
import SeminarCore

/// Uploaded files' bytes on the node's disk (the ``BlobStore`` beside the embedded SQLite store): each content once
/// under `<data>/files/<first two hex digits>/<sha256>`, its smaller rendition beside it as `<sha256>.small.webp`.
public struct FileStore: BlobStore {
    public let directory: String

    public init(dataDirectory: String) {
        directory = (dataDirectory as NSString).appendingPathComponent("files")
    }

    /// Where the bytes named `sha256` live; nil when it is not a name (``BlobName``), so no path can be smuggled in.
    public func path(sha256: String) -> String? {
        guard BlobName.isValid(sha256) else { return nil }
        return (directory as NSString).appendingPathComponent("\(sha256.prefix(2))/\(sha256)")
    }

    /// Where the smaller rendition of the image `sha256` lives (beside it), if one was made.
    public func renditionPath(sha256: String) -> String? {
        path(sha256: sha256).map { $0 + ".small.webp" }
    }

    /// Writes the bytes (atomically: a temporary file renamed into place) unless the same content is there already.
    public func save(_ bytes: [UInt8]) throws -> String {
        let sha = BlobName.of(bytes)
        guard let path = path(sha256: sha) else { throw DomainError(.internal, "bad hash") }
        try write(bytes, to: path)
        return sha
    }

    public func bytes(sha256: String) -> [UInt8]? {
        read(path(sha256: sha256))
    }

    public func saveRendition(sha256: String, bytes: [UInt8]) throws {
        guard let original = path(sha256: sha256), let path = renditionPath(sha256: sha256) else { throw DomainError(.internal, "bad hash") }
        guard FileManager.default.fileExists(atPath: original) else { throw DomainError(.notFound, "no bytes kept for this rendition") }
        try write(bytes, to: path)
    }

    public func rendition(sha256: String) -> [UInt8]? {
        read(renditionPath(sha256: sha256))
    }

    public func hasRendition(sha256: String) -> Bool {
        renditionPath(sha256: sha256).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    private func read(_ path: String?) -> [UInt8]? {
        path.flatMap { FileManager.default.contents(atPath: $0) }.map(Array.init)
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
