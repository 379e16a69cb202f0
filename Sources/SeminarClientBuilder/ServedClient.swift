/// The web client as the server serves it, made once at start-up from the web folder's files: every UI string table
/// (`/js/strings/<table>.js`, `key: [fr, en, es]`) becomes one module per language (`/js/strings/<lang>/<table>.js`)
/// and the three-language source is not served; JavaScript, CSS and HTML are minified unless `minify` is off (to debug
/// the client with its comments). When minifying, the modules the first page needs are joined into one file
/// (`ModuleBundler`: `/js/app.js` and its static imports become `/js/shell.js`, `/js/prefetch.js` and its imports
/// stay apart, index.html loads the bundle). The source files stay as written: translators and developers read those.
public enum ServedClient {
    /// A file by its path under the web folder (`/js/app.js`) and its bytes.
    public struct File: Equatable, Sendable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The first page's modules: the entry, the modules kept apart (their own `<script>` in index.html), the bundle.
    public static let shellEntry = "/js/app.js"
    public static let shellApart = ["/js/prefetch.js"]
    public static let shellBundle = "/js/shell.js"

    /// The folder of the string tables.
    public static let stringTables = "/js/strings/"

    /// A string table that cannot be split: the client would miss its texts, so the server does not start.
    public struct TableError: Error, Equatable, Sendable, CustomStringConvertible {
        public let path: String
        public let problem: StringTableSplitter.ShapeError
        public var description: String { "web client string table \(path), \(problem)" }
    }

    /// The files to serve, sorted by path, and a warning for each file served unminified because it could not be read.
    public static func build(_ sources: [File], minify: Bool) throws(TableError) -> (files: [File], warnings: [String]) {
        var files: [File] = []
        var warnings: [String] = []
        var sources = sources
        if minify, sources.contains(where: { $0.path == shellEntry }) {
            let scripts = Dictionary(sources.filter { $0.path.hasSuffix(".js") && !isStringTable($0.path) }.map { ($0.path, $0.bytes) },
                                     uniquingKeysWith: { first, _ in first })
            do {
                let bundle = try ModuleBundler.bundle(scripts, entry: shellEntry, apart: shellApart.filter { scripts[$0] != nil }, into: shellBundle)
                for index in sources.indices {
                    if let bytes = bundle.files[sources[index].path] {
                        sources[index].bytes = bytes
                    } else if sources[index].path == "/index.html" {
                        let html = ModuleBundler.index(String(decoding: sources[index].bytes, as: UTF8.self), entry: shellEntry,
                                                       bundle: shellBundle, modules: bundle.modules)
                        sources[index].bytes = Array(html.utf8)
                    }
                }
                sources.append(File(path: shellBundle, bytes: bundle.files[shellBundle] ?? []))
            } catch {
                warnings.append("the first page's modules served one by one: \(error)")
            }
        }
        for source in sources {
            if isStringTable(source.path) {
                let modules: [String: [UInt8]]
                do {
                    modules = try StringTableSplitter.split(source.bytes, compact: minify)
                } catch {
                    throw TableError(path: source.path, problem: error)
                }
                let name = source.path.dropFirst(stringTables.count)
                for language in StringTableSplitter.languages {
                    files.append(File(path: "\(stringTables)\(language)/\(name)", bytes: modules[language] ?? []))
                }
                continue
            }
            var file = source
            if minify {
                switch extensionOf(source.path) {
                case "js", "mjs":
                    do {
                        file.bytes = try ScriptMinifier.minify(source.bytes)
                    } catch {
                        warnings.append("\(source.path) served unminified: \(error)")
                    }
                case "css":
                    file.bytes = StyleMinifier.minify(source.bytes)
                case "html":
                    file.bytes = MarkupMinifier.minify(source.bytes)
                default:
                    break
                }
            }
            files.append(file)
        }
        return (files.sorted { $0.path < $1.path }, warnings)
    }

    /// `/js/strings/<table>.js`, not deeper.
    static func isStringTable(_ path: String) -> Bool {
        guard path.hasPrefix(stringTables), path.hasSuffix(".js") else { return false }
        return !path.dropFirst(stringTables.count).contains("/")
    }

    private static func extensionOf(_ path: String) -> String {
        guard let name = path.split(separator: "/").last, name.contains(".") else { return "" }
        return name.split(separator: ".").last.map { $0.lowercased() } ?? ""
    }
}
