/// How the web client's files are served: which URLs are versioned (cached for a year, never revalidated), which
/// are revalidated by ETag, which types are worth compressing, and whether a request accepts gzip.
///
/// The client is ES modules importing each other by relative paths, so pointing index.html at
/// `/v/<version>/js/app.js` puts every module, stylesheet and lazily loaded area under the same version: a new
/// release changes the version and with it every URL, and a returning visitor on a weak link revalidates one file
/// (index.html) instead of every module.
public enum StaticAssetRules {
    /// The prefix of versioned URLs.
    public static let versionPrefix = "/v/"
    public static let immutable = "public, max-age=31536000, immutable"
    public static let revalidate = "no-cache"

    /// What a request path asks for: the asset's path and whether it came under the current version.
    public struct Lookup: Equatable, Sendable {
        public let path: String
        public let versioned: Bool

        public init(path: String, versioned: Bool) {
            self.path = path
            self.versioned = versioned
        }
    }

    /// `/` and `/index.html` → index.html (revalidated); `/v/<current>/js/x.js` → `/js/x.js`, immutable;
    /// `/v/<other>/js/x.js` (a page from an older release) → the current file, revalidated; anything else as is.
    public static func lookup(path: String, version: String) -> Lookup {
        if path == "/" || path == "/index.html" { return Lookup(path: "/index.html", versioned: false) }
        guard path.hasPrefix(versionPrefix) else { return Lookup(path: path, versioned: false) }
        let rest = path.dropFirst(versionPrefix.count)
        guard let slash = rest.firstIndex(of: "/") else { return Lookup(path: path, versioned: false) }
        let asked = rest[..<slash]
        return Lookup(path: String(rest[slash...]), versioned: asked == version)
    }

    /// index.html with its stylesheet, script and icon links pointing under `/v/<version>/`.
    public static func versionedIndex(_ html: String, version: String) -> String {
        var result = html
        for attribute in ["href=\"/", "src=\"/"] {
            result = result.replacingOccurrences(of: attribute, with: "\(attribute)v/\(version)/", onlyBefore: "#")
        }
        return result
    }

    /// Whether an Accept-Encoding header value accepts gzip (a `q=0` refuses it; `*` accepts it).
    public static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var star = false
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }
            guard let coding = pieces.first?.lowercased() else { continue }
            let refused = pieces.dropFirst().contains { piece in
                let p = String(piece.filter { $0 != " " }).lowercased()
                return p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            }
            if coding == "gzip" { return !refused }
            if coding == "*" { star = !refused }
        }
        return star
    }

    /// The Content-Type of a file, by its extension.
    public static func contentType(path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json", "map": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "webm": return "video/webm"
        case "mp4": return "video/mp4"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// Text types shrink a lot with gzip; images and fonts are compressed already.
    public static func compressible(path: String) -> Bool {
        let type = contentType(path: path)
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type == "image/svg+xml"
    }

    /// Whether an If-None-Match header names one of `etags` (or is `*`).
    public static func matches(ifNoneMatch header: String?, etags: [String]) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { tag in
            let t = tag.trimmingCharacters(in: " \t")
            let bare = t.hasPrefix("W/") ? String(t.dropFirst(2)) : t
            return bare == "*" || etags.contains(bare)
        }
    }
}

extension String {
    /// Replaces `target` with `replacement` unless the character right after `target` is `excluded`
    /// (`href="/#/desk"` is an in-page route, not a file).
    fileprivate func replacingOccurrences(of target: String, with replacement: String, onlyBefore excluded: Character) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            let next = rest[range.upperBound...].first
            result += next == excluded ? target : replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
