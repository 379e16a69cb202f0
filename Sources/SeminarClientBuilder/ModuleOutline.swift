/// What a JavaScript module says at its top level, read from its tokens: its import and export statements, the
/// names it declares, and the module paths it names (statically or in `import('…')`). Enough for `ModuleBundler` to
/// join modules into one file, and to refuse the forms it does not join (`export default`, `export *`,
/// `import * as`, a default import, a destructuring declaration at the top level).
struct ModuleOutline {
    /// `import { a, b as c } from './x.js';` or `import './x.js';`: the statement's bytes and what it imports.
    struct Import {
        let range: Range<Int>
        let specifier: String
        /// (imported, local) pairs; empty for a bare `import './x.js'`.
        let names: [(imported: String, local: String)]
    }

    /// `export { a, b as c };` or `export { a } from './x.js';`.
    struct ExportList {
        let range: Range<Int>
        /// (local, exported) pairs; `local` is the name in the module `from` names, when there is one.
        let names: [(local: String, exported: String)]
        let from: String?
    }

    /// A string token naming a module (an import's or re-export's `from`, or `import('…')`), and its text unquoted.
    struct Specifier {
        let range: Range<Int>
        let path: String
    }

    /// A form the bundler does not join, with where it is.
    struct Unsupported: Error, Equatable, CustomStringConvertible {
        let offset: Int
        let what: String
        var description: String { "\(what) at byte \(offset)" }
    }

    var imports: [Import] = []
    var exportLists: [ExportList] = []
    /// The `export` keywords before declarations (`export function f`), each with the space after it.
    var exportKeywords: [Range<Int>] = []
    /// Every name declared at the top level (functions, classes, `const`/`let`/`var`), in order.
    var declared: [String] = []
    /// The declared names that are exported.
    var exportedDeclarations: [String] = []
    /// Every module path named, static or dynamic.
    var specifiers: [Specifier] = []

    /// The outline of `source` (UTF-8 bytes).
    static func read(_ source: [UInt8]) throws -> ModuleOutline {
        let tokens = try ScriptLexer.tokens(source)
        var outline = ModuleOutline()
        var reader = Reader(source: source, tokens: tokens)
        try reader.run(into: &outline)
        return outline
    }

    private struct Reader {
        let source: [UInt8]
        let tokens: [ScriptLexer.Token]
        var index = 0
        var depth = 0

        init(source: [UInt8], tokens: [ScriptLexer.Token]) {
            self.source = source
            self.tokens = tokens
        }

        func text(_ i: Int) -> String? {
            guard i < tokens.count else { return nil }
            return String(decoding: source[tokens[i].range], as: UTF8.self)
        }

        func isWord(_ i: Int, _ word: String) -> Bool { i < tokens.count && tokens[i].kind == .word && text(i) == word }
        func isPunct(_ i: Int, _ p: String) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .punctuator && text(i) == p }

        func unquoted(_ i: Int) -> String? {
            guard i < tokens.count, tokens[i].kind == .string, let t = text(i), t.count >= 2, !t.contains("\\") else { return nil }
            return String(t.dropFirst().dropLast())
        }

        /// Whether token `i` starts a statement at the top level: the first token, or one after `;`, `}` or a line break.
        func startsStatement(_ i: Int) -> Bool {
            guard depth == 0 else { return false }
            if i == 0 || tokens[i].gap == .lineBreak { return true }
            return isPunct(i - 1, ";") || isPunct(i - 1, "}")
        }

        /// How token `i` changes the nesting of braces, parentheses and brackets (a template's `${` opens one, its `}` closes it).
        func depthChange(_ i: Int) -> Int {
            let token = tokens[i]
            let first = source[token.range.lowerBound], last = source[token.range.upperBound - 1]
            switch token.kind {
            case .punctuator:
                if first == UInt8(ascii: "{") || first == UInt8(ascii: "(") || first == UInt8(ascii: "[") { return 1 }
                if first == UInt8(ascii: "}") || first == UInt8(ascii: ")") || first == UInt8(ascii: "]") { return -1 }
                return 0
            case .template:
                let opens = token.range.count >= 2 && source[token.range.upperBound - 2] == UInt8(ascii: "$") && last == UInt8(ascii: "{")
                return (opens ? 1 : 0) - (first == UInt8(ascii: "}") ? 1 : 0)
            default:
                return 0
            }
        }

        func fail(_ i: Int, _ what: String) -> Unsupported {
            Unsupported(offset: i < tokens.count ? tokens[i].range.lowerBound : source.count, what: what)
        }

        /// The end of a statement whose last token is `i`: after a following `;`, if any.
        func statementEnd(after i: Int) -> (range: Int, next: Int) {
            if isPunct(i + 1, ";") { return (tokens[i + 1].range.upperBound, i + 2) }
            return (tokens[i].range.upperBound, i + 1)
        }

        /// `{ a, b as c }` from `i` (at the `{`): the pairs and the index after the `}`.
        func namedList(_ i: Int) throws -> (pairs: [(String, String)], next: Int) {
            var pairs: [(String, String)] = []
            var j = i + 1
            while !isPunct(j, "}") {
                guard j < tokens.count, tokens[j].kind == .word, let name = text(j) else { throw fail(j, "an unexpected token in { }") }
                var other = name
                j += 1
                if isWord(j, "as") {
                    guard let alias = text(j + 1), tokens[j + 1].kind == .word else { throw fail(j, "as without a name") }
                    other = alias
                    j += 2
                }
                pairs.append((name, other))
                if isPunct(j, ",") { j += 1 } else if !isPunct(j, "}") { throw fail(j, "an unexpected token in { }") }
            }
            return (pairs, j + 1)
        }

        mutating func run(into outline: inout ModuleOutline) throws {
            while index < tokens.count {
                let i = index
                if isWord(i, "import"), !isPunct(i - 1, ".") { // not a method named import (`loader.import(…)`)
                    if isPunct(i + 1, "("), let path = unquoted(i + 2) {
                        outline.specifiers.append(Specifier(range: tokens[i + 2].range, path: path))
                    } else if startsStatement(i), !isPunct(i + 1, "("), !isPunct(i + 1, ".") {
                        try readImport(i, into: &outline)
                        continue
                    }
                } else if isWord(i, "export"), startsStatement(i) {
                    try readExport(i, into: &outline)
                    continue
                } else if startsStatement(i), let names = try declaration(at: i) {
                    outline.declared += names
                }
                depth += depthChange(i)
                index += 1
            }
        }

        mutating func readImport(_ i: Int, into outline: inout ModuleOutline) throws {
            if let path = unquoted(i + 1) {
                let end = statementEnd(after: i + 1)
                outline.specifiers.append(Specifier(range: tokens[i + 1].range, path: path))
                outline.imports.append(Import(range: tokens[i].range.lowerBound..<end.range, specifier: path, names: []))
                index = end.next
                return
            }
            guard isPunct(i + 1, "{") else { throw fail(i, "a default or namespace import") }
            let list = try namedList(i + 1)
            guard isWord(list.next, "from"), let path = unquoted(list.next + 1) else { throw fail(i, "an import without from '…'") }
            let end = statementEnd(after: list.next + 1)
            outline.specifiers.append(Specifier(range: tokens[list.next + 1].range, path: path))
            outline.imports.append(Import(range: tokens[i].range.lowerBound..<end.range, specifier: path,
                                          names: list.pairs.map { (imported: $0.0, local: $0.1) }))
            index = end.next
        }

        mutating func readExport(_ i: Int, into outline: inout ModuleOutline) throws {
            if isPunct(i + 1, "{") {
                let list = try namedList(i + 1)
                var from: String?
                var last = list.next - 1
                if isWord(list.next, "from") {
                    guard let path = unquoted(list.next + 1) else { throw fail(i, "export from without a module") }
                    outline.specifiers.append(Specifier(range: tokens[list.next + 1].range, path: path))
                    from = path
                    last = list.next + 1
                }
                let end = statementEnd(after: last)
                outline.exportLists.append(ExportList(range: tokens[i].range.lowerBound..<end.range,
                                                      names: list.pairs.map { (local: $0.0, exported: $0.1) }, from: from))
                index = end.next
                return
            }
            guard let names = try declaration(at: i + 1) else { throw fail(i, "export default or export *") }
            outline.exportKeywords.append(tokens[i].range.lowerBound..<tokens[i + 1].range.lowerBound)
            outline.declared += names
            outline.exportedDeclarations += names
            index = i + 1
        }

        /// The names a declaration starting at `i` declares, or nil when `i` starts none.
        func declaration(at i: Int) throws -> [String]? {
            var j = i
            if isWord(j, "async"), isWord(j + 1, "function") { j += 1 }
            if isWord(j, "function") || isWord(j, "class") {
                var k = j + 1
                if isPunct(k, "*") { k += 1 }
                guard k < tokens.count, tokens[k].kind == .word, let name = text(k) else { return nil } // an expression
                return [name]
            }
            guard isWord(j, "const") || isWord(j, "let") || isWord(j, "var") else { return nil }
            var names: [String] = []
            var k = j + 1
            var nesting = 0
            var expectName = true
            while k < tokens.count {
                if expectName {
                    guard tokens[k].kind == .word, let name = text(k) else { throw fail(k, "a destructuring declaration") }
                    names.append(name)
                    expectName = false
                } else if nesting == 0, isPunct(k, ";") {
                    break
                } else if nesting == 0, isPunct(k, ",") {
                    expectName = true
                } else if nesting == 0, k > j + 1, tokens[k].gap == .lineBreak, startsDeclarationOrModuleStatement(k) {
                    break // a next statement, after a declaration ended without `;`
                } else {
                    nesting += depthChange(k)
                }
                k += 1
            }
            return names
        }

        func startsDeclarationOrModuleStatement(_ k: Int) -> Bool {
            ["import", "export", "function", "async", "class", "const", "let", "var"].contains { isWord(k, $0) }
        }
    }
}
