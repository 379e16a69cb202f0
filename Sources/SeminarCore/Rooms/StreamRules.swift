/// Which stream URL a room may show: HLS/MP4/WebM files from the configured media hosts play in a `<video>`;
/// players of the configured embed hosts play in an `<iframe>`; anything else is refused. The two lists are also
/// the only outside sources the Content-Security-Policy lets the browser load.
public enum StreamRules {
    public static let languages = ["floor", "fr", "en", "es"]

    public static func validate(url: String?, language: String?, embedHosts: [String], mediaHosts: [String]) throws(DomainError) -> (url: String?, language: String) {
        guard let language, languages.contains(language) else {
            throw .invalid("language", "language must be one of floor, fr, en, es")
        }
        let url = (url ?? "").trimmingWhitespace()
        if url.isEmpty { return (nil, language) }
        guard url.count <= 2_000, url.hasPrefix("https://") || url.hasPrefix("http://"), !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" }) else {
            throw .invalid("url", "the stream must be an http(s) address")
        }
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: true)
        let host = afterScheme.count > 1 ? String(afterScheme[1]).split(separator: ":").first.map(String.init) ?? "" : ""
        let path = (url.split(separator: "?").first ?? "").lowercased()
        let isFile = path.hasSuffix(".m3u8") || path.hasSuffix(".mp4") || path.hasSuffix(".webm")
        if isFile {
            guard mediaHosts.contains(host.lowercased()) else {
                throw .invalid("url", "streams are played from the configured media hosts only (\(mediaHosts.isEmpty ? "none yet: set mediaHosts" : mediaHosts.joined(separator: ", ")))")
            }
        } else {
            guard embedHosts.contains(host.lowercased()) else {
                throw .invalid("url", "only HLS/MP4/WebM files or the players of the configured embed hosts can be played")
            }
        }
        return (url, language)
    }

    /// How the client plays a URL.
    public static func isEmbed(_ url: String) -> Bool {
        let path = (url.split(separator: "?").first ?? "").lowercased()
        return !(path.hasSuffix(".m3u8") || path.hasSuffix(".mp4") || path.hasSuffix(".webm"))
    }
}
