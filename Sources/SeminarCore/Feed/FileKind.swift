/// The families of files the hub accepts.
public enum FileFamily: String, Sendable, Equatable {
    case document, image, audio, video
}

/// Which uploads are accepted: the declared type must be one we know and the bytes must say the same.
public enum FileKind {
    /// The width of the smaller rendition made of an uploaded image (a phone or a column of text).
    public static let renditionWidth = 800

    /// Whether a smaller rendition is worth making: still images (an animated GIF would lose its animation).
    public static func wantsRendition(_ type: String) -> Bool {
        family(type) == .image && normalize(type) != "image/gif"
    }

    /// Accepted types and their family.
    public static let accepted: [String: FileFamily] = [
        "application/pdf": .document,
        "text/plain": .document,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": .document,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": .document,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .document,
        "application/vnd.oasis.opendocument.text": .document,
        "application/vnd.oasis.opendocument.presentation": .document,
        "application/vnd.oasis.opendocument.spreadsheet": .document,
        "image/png": .image, "image/jpeg": .image, "image/gif": .image, "image/webp": .image,
        "audio/mpeg": .audio, "audio/ogg": .audio, "audio/wav": .audio, "audio/webm": .audio, "audio/mp4": .audio,
        "video/mp4": .video, "video/webm": .video, "video/ogg": .video,
    ]

    /// The declared type without parameters, lower-cased (`Image/PNG; x=y` → `image/png`).
    public static func normalize(_ declared: String) -> String {
        String(declared.split(separator: ";").first ?? "").trimmingWhitespace().lowercased()
    }

    /// What the first bytes of a file say it is, as one of the accepted types (nil: unknown or not accepted).
    public static func sniff(_ bytes: some Collection<UInt8>) -> String? {
        let b = Array(bytes.prefix(64))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<offset + prefix.count]) == prefix
        }
        let ascii = { (s: String) in Array(s.utf8) }
        if starts(ascii("%PDF-")) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return "image/gif" }
        if starts(ascii("RIFF")), starts(ascii("WEBP"), at: 8) { return "image/webp" }
        if starts(ascii("RIFF")), starts(ascii("WAVE"), at: 8) { return "audio/wav" }
        if starts(ascii("ID3")) || (b.count >= 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0) { return "audio/mpeg" }
        if starts(ascii("OggS")) { return "audio/ogg" }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }
        if starts(ascii("ftyp"), at: 4) { return "video/mp4" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if !b.isEmpty, isText(bytes) { return "text/plain" }
        return nil
    }

    /// Checks a declared type against the bytes: the accepted type to store, or `nil` (refuse with 415).
    /// Containers are matched by family: an Ogg file may be audio or video, WebM and MP4 likewise, and office
    /// documents are ZIP archives.
    public static func check(declared: String, bytes: some Collection<UInt8>) -> String? {
        let type = normalize(declared)
        guard let family = accepted[type], let sniffed = sniff(bytes) else { return nil }
        if sniffed == type { return type }
        switch (sniffed, family) {
        case ("audio/ogg", .video), ("video/webm", .audio), ("video/mp4", .audio): return type
        case ("application/zip", .document) where type.contains("openxmlformats") || type.contains("opendocument"): return type
        default: return nil
        }
    }

    /// The family of an accepted type.
    public static func family(_ type: String) -> FileFamily? { accepted[normalize(type)] }

    /// Plain text: valid UTF-8 with no NUL and no other control characters than tab, CR and LF (first 4 KiB).
    static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4096))
        guard !head.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return false }
        // A multi-byte character cut at the 4 KiB edge is still text.
        let cut = bytes.count > head.count ? 3 : 0
        return (0...cut).contains { String(validating: head.dropLast($0), as: UTF8.self) != nil }
    }

    /// A file name safe to store and to put in a header: no path, no control characters, at most 200 characters.
    public static func cleanName(_ raw: String) -> String? {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" }.map(Character.init))
            .trimmingWhitespace()
        guard !clean.isEmpty, clean != ".", clean != ".." else { return nil }
        return String(clean.prefix(200))
    }
}
