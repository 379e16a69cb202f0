/// Uploaded files' bytes (the hub's attachments, profile photos), kept once per content under their SHA-256 in
/// lowercase hex (``BlobName``); who uploaded what, under which name and type, is the Store's `files` rows
/// (`recordFile`). Two stores provide it: ``FileStore`` (a folder on the node's disk, with the embedded SQLite store)
/// and the cluster's `PostgresBlobs` (a `bytea` per content, so any node serves any file).
///
/// Reads hand back the whole content: the server answers `GET /files/<id>` with a buffer (it did so from disk before
/// there was a second store), and uploads are capped by `uploadLimitMiB`, so no path is handed out.
public protocol BlobStore: Sendable {
    /// Keeps `bytes` unless the same content is kept already; their name. Idempotent, and safe when two saves of the
    /// same bytes run at once (on one node or two): both succeed, one copy is kept.
    func save(_ bytes: [UInt8]) async throws -> String
    /// The content named `sha256`; nil when none is kept or the name is not one (``BlobName/isValid(_:)``).
    func bytes(sha256: String) async throws -> [UInt8]?
    /// Keeps the smaller rendition of the image `sha256` (a WebP that fits a screen) unless one is kept already.
    /// Throws when `sha256` is not a name or no content is kept under it.
    func saveRendition(sha256: String, bytes: [UInt8]) async throws
    /// The smaller rendition of `sha256`; nil when none was made (or the name is not one).
    func rendition(sha256: String) async throws -> [UInt8]?
    /// Whether a rendition of `sha256` is kept, without reading it (an upload of known bytes does not make another; a
    /// download's `ETag` says which of the two it serves).
    func hasRendition(sha256: String) async throws -> Bool
}
