/// An uploaded file as the seminar keeps it: its bytes are in the file store under `sha256`.
public struct StoredFile: Sendable, Equatable {
    public let id: FileID
    public let name: String
    /// Its media type, as checked on upload (``FileKind``).
    public let type: String
    public let size: Int64
    public let sha256: String

    public init(id: FileID, name: String, type: String, size: Int64, sha256: String) {
        self.id = id
        self.name = name
        self.type = type
        self.size = size
        self.sha256 = sha256
    }
}
