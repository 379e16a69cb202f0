/// Joins the modules a page needs before it can show anything into one file, so that a weak link fetches one script
/// instead of one per module: over HTTP/1.1's six connections, 20 modules at 400 ms a round trip cost seconds.
///
/// The bundle is the entry module and every module it imports statically, in the order ES modules run (depth
/// first, imports in source order), minus the modules kept apart (loaded by their own `<script>`, with what they
/// import). Each module's text is kept as written: its `import` and `export { … }` statements become `;` and the
/// `export` before a declaration goes; the modules kept apart are imported once at the top; the bundle exports every
/// name its modules export. This joins scopes, so it refuses (and the client is served unbundled) when two modules
/// declare the same top-level name, when an import renames (`a as b`), and for the forms `ModuleOutline` does not
/// read. Duplicate declarations would fail to parse anyway, so a refusal can never give a page that half works.
///
/// Every bundled module's own path serves a facade (`export { a, b } from './shell.js'`) and every other module's
/// imports of a bundled module name the bundle instead, so a lazily loaded area shares the bundle's module
/// instances (one `i18n`, one socket) and fetches nothing more.
public enum ModuleBundler {
    /// Why modules were not bundled: the module and the problem.
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public let path: String
        public let problem: String
        public var description: String { "\(path): \(problem)" }
    }

    /// The outcome: each file to serve in place of its source (the bundle, the facades, the retargeted modules), and
    /// the bundled modules' paths in the order they run.
    public struct Bundle: Equatable, Sendable {
        public var files: [String: [UInt8]]
        public var modules: [String]
    }

    /// Bundles `entry`'s static imports from `scripts` (path → source) into `bundle`, leaving `apart` and what they
    /// import as they are.
    public static func bundle(_ scripts: [String: [UInt8]], entry: String, apart: [String], into bundle: String) throws(Refusal) -> Bundle {
        var outlines: [String: ModuleOutline] = [:]
        func outline(_ path: String) throws(Refusal) -> ModuleOutline {
            if let known = outlines[path] { return known }
            guard let source = scripts[path] else { throw Refusal(path: path, problem: "imported but not found") }
            do {
                let read = try ModuleOutline.read(source)
                outlines[path] = read
                return read
            } catch {
                throw Refusal(path: path, problem: "\(error)")
            }
        }
        func staticImports(_ path: String) throws(Refusal) -> [String] {
            let read = try outline(path)
            return read.imports.map { resolve($0.specifier, from: path) } + read.exportLists.compactMap { $0.from.map { resolve($0, from: path) } }
        }
        guard scripts[bundle] == nil else { throw Refusal(path: bundle, problem: "a source file has the bundle's name") }

        // The modules kept apart, and what they import.
        var kept = Set<String>()
        var todo = apart
        while let path = todo.popLast() {
            guard kept.insert(path).inserted else { continue }
            todo += try staticImports(path)
        }
        // The bundled modules, in the order they run.
        var order: [String] = []
        var seen = Set<String>()
        func visit(_ path: String) throws(Refusal) {
            guard !kept.contains(path), seen.insert(path).inserted else { return }
            for child in try staticImports(path) { try visit(child) }
            order.append(path)
        }
        try visit(entry)
        let bundled = Set(order) // what the modules kept apart import is kept apart too, so none of them imports the bundle
        let folder = directory(of: bundle)
        for path in order where directory(of: path) != folder {
            throw Refusal(path: path, problem: "not in the bundle's folder (its relative imports would change meaning)")
        }

        // Every module's exports, by exported name → the top-level name holding it in the bundle.
        var exportsOf: [String: [String: String]] = [:]
        func exports(_ path: String) throws(Refusal) -> [String: String] {
            if let known = exportsOf[path] { return known }
            let read = try outline(path)
            var found: [String: String] = [:]
            for name in read.exportedDeclarations { found[name] = name }
            for list in read.exportLists {
                for pair in list.names {
                    if let from = list.from {
                        let source = resolve(from, from: path)
                        guard bundled.contains(source), let local = try exports(source)[pair.local] else {
                            throw Refusal(path: path, problem: "re-exports '\(pair.local)' from a module outside the bundle, or that it lacks")
                        }
                        found[pair.exported] = local
                    } else {
                        found[pair.exported] = pair.local
                    }
                }
            }
            exportsOf[path] = found
            return found
        }

        // One scope: every top-level name once; imports between bundled modules by the same name; outside imports merged.
        var owner: [String: String] = [:]
        var outside: [(specifier: String, names: [String])] = []
        var outsideNames: [String: String] = [:] // local → the module it comes from
        for path in order {
            let read = try outline(path)
            for name in read.declared {
                if let other = owner[name] { throw Refusal(path: path, problem: "declares '\(name)', as \(other) does") }
                owner[name] = path
            }
            for item in read.imports {
                let source = resolve(item.specifier, from: path)
                for pair in item.names where pair.imported != pair.local {
                    throw Refusal(path: path, problem: "imports '\(pair.imported)' as '\(pair.local)'")
                }
                if bundled.contains(source) {
                    let offered = try exports(source)
                    for pair in item.names where offered[pair.imported] != pair.local {
                        throw Refusal(path: path, problem: "imports '\(pair.imported)', which \(source) does not export by that name")
                    }
                } else {
                    let relative = relativePath(from: bundle, to: source)
                    for pair in item.names {
                        if let other = outsideNames[pair.local], other != source {
                            throw Refusal(path: path, problem: "imports '\(pair.local)' from \(source) and from \(other)")
                        }
                        outsideNames[pair.local] = source
                    }
                    if let at = outside.firstIndex(where: { $0.specifier == relative }) {
                        for pair in item.names where !outside[at].names.contains(pair.local) { outside[at].names.append(pair.local) }
                    } else {
                        outside.append((relative, item.names.map(\.local)))
                    }
                }
            }
        }
        for (name, source) in outsideNames where owner[name] != nil {
            throw Refusal(path: owner[name]!, problem: "declares '\(name)', which another module imports from \(source)")
        }
        var flat: [String: String] = [:]
        for path in order {
            for (exported, local) in try exports(path) {
                if let other = flat[exported], other != local { throw Refusal(path: path, problem: "exports '\(exported)', as another module does") }
                flat[exported] = local
            }
        }

        // The bundle's text.
        var text: [UInt8] = []
        for item in outside {
            let names = item.names.joined(separator: ", ")
            text += Array((names.isEmpty ? "import '\(item.specifier)';\n" : "import { \(names) } from '\(item.specifier)';\n").utf8)
        }
        for path in order {
            let read = try outline(path)
            var cuts = read.imports.map { ($0.range, Array(";".utf8)) } + read.exportLists.map { ($0.range, Array(";".utf8)) }
            cuts += read.exportKeywords.map { ($0, [UInt8]()) }
            text += replacing(scripts[path]!, cuts)
            text += Array("\n;\n".utf8)
        }
        let list = flat.keys.sorted().map { flat[$0] == $0 ? $0 : "\(flat[$0]!) as \($0)" }.joined(separator: ", ")
        text += Array("export { \(list) };\n".utf8)

        var files: [String: [UInt8]] = [bundle: text]
        for path in order {
            let names = try exports(path).keys.sorted()
            let own = relativePath(from: path, to: bundle)
            files[path] = Array((names.isEmpty ? "import '\(own)';\n" : "export { \(names.joined(separator: ", ")) } from '\(own)';\n").utf8)
        }
        // Other modules import the bundle instead of a bundled module.
        for (path, source) in scripts where !bundled.contains(path) && !kept.contains(path) && path.hasSuffix(".js") {
            guard let read = try? ModuleOutline.read(source) else { continue } // served as written; it imports nothing bundled we can see
            let cuts = read.specifiers.compactMap { specifier -> (Range<Int>, [UInt8])? in
                guard bundled.contains(resolve(specifier.path, from: path)) else { return nil }
                let quote = source[specifier.range.lowerBound]
                return (specifier.range, [quote] + Array(relativePath(from: path, to: bundle).utf8) + [quote])
            }
            if !cuts.isEmpty { files[path] = replacing(source, cuts) }
        }
        return Bundle(files: files, modules: order)
    }

    /// index.html loading `bundle` in place of `entry`, without the `modulepreload` links of the bundled modules.
    public static func index(_ html: String, entry: String, bundle: String, modules: [String]) -> String {
        let preloads = Set(modules.map { "<link rel=\"modulepreload\" href=\"\($0)\">" })
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return html.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !preloads.contains(String($0.drop(while: blank).reversed().drop(while: blank).reversed())) }
            .map { $0.replacing("src=\"\(entry)\"", with: "src=\"\(bundle)\"") }
            .joined(separator: "\n")
    }

    /// `specifier` (`./x.js`, `../y/z.js`) from the module at `path`, as an absolute path; other specifiers as they are.
    static func resolve(_ specifier: String, from path: String) -> String {
        guard specifier.hasPrefix("./") || specifier.hasPrefix("../") else { return specifier }
        var parts = directory(of: path).split(separator: "/").map(String.init)
        for part in specifier.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(String(part)) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The relative specifier from the module at `path` to the file `target` (`./x.js`, `../x.js`).
    static func relativePath(from path: String, to target: String) -> String {
        let from = directory(of: path).split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let up = from.count - common
        let rest = to[common...].joined(separator: "/")
        return up == 0 ? "./" + rest : String(repeating: "../", count: up) + rest
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "/" }
        return String(path[..<slash])
    }

    /// `source` with each range replaced by its bytes (ranges do not overlap).
    static func replacing(_ source: [UInt8], _ cuts: [(Range<Int>, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var at = 0
        for (range, bytes) in cuts.sorted(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            out += source[at..<range.lowerBound]
            out += bytes
            at = range.upperBound
        }
        out += source[at...]
        return out
    }
}
