/// The optional photo on a profile (issue 26): an image of at most ``maxBytes`` as uploaded, kept as a rendition
/// ``width`` pixels wide when the server can make one (libvips), else as uploaded. Set and removed only by its own
/// routes (`POST` and `DELETE /api/profile/photo`), never by `profile.update`.
public enum ProfilePhoto {
    public static let maxBytes = 5 << 20
    /// The width of the kept rendition: twice the largest place a photo shows (a lounge card), for sharp screens.
    public static let width = 256
    /// The types a photo may have: images every browser shows (no SVG, which may carry script).
    public static let types: Set<String> = ["image/jpeg", "image/png", "image/webp", "image/gif"]

    /// The photo's type, or why it is refused: empty, too large, or not one of ``types`` by its declared type or its bytes.
    public static func check(declared: String, bytes: some Collection<UInt8>) throws(DomainError) -> String {
        guard !bytes.isEmpty else { throw DomainError(.invalid, "The file is empty", field: "photo") }
        guard bytes.count <= maxBytes else { throw DomainError(.tooLarge, "A photo is limited to 5 MiB", field: "photo") }
        guard let type = FileKind.check(declared: declared, bytes: bytes), types.contains(type) else {
            throw DomainError(.invalid, "A photo must be a JPEG, PNG, WebP or GIF image", field: "photo")
        }
        return type
    }
}
