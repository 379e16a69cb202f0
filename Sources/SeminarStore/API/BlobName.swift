import Crypto

/// A blob's name in every ``BlobStore``: the SHA-256 of its bytes in lowercase hex (64 digits). Anything else is not
/// a name, so none can smuggle a path or match another's content.
public enum BlobName {
    /// The name of `bytes`.
    public static func of(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `name` is 64 lowercase hex digits.
    public static func isValid(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
