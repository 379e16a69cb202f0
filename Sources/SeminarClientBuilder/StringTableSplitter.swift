/// Splits a UI string table, as translators write it (`export default { 'key': ['fr', 'en', 'es'], … }`, one
/// key with its three languages side by side), into one module per language (`export default {'key':'text',…};`),
/// so a participant downloads the strings of their own language only. An empty translation takes the English text,
/// as the client would have shown it. Strings are copied as written, escapes included.
public enum StringTableSplitter {
    /// The languages of each tuple, in order (Web/js/locale.js's LOCALES).
    public static let languages = ["fr", "en", "es"]
    /// The language an empty translation falls back to.
    static let fallback = 1

    /// A table that is not `export default { key: [three strings], … }`.
    public struct ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// One module per language of `languages`, by language. `compact` leaves out the line breaks.
    public static func split(_ source: [UInt8], compact: Bool = true) throws(ShapeError) -> [String: [UInt8]] {
        var reader: Reader
        do {
            reader = Reader(source: source, tokens: try ScriptLexer.tokens(source))
        } catch {
            throw ShapeError(line: line(of: error.offset, in: source), message: error.message)
        }
        try reader.expect(.word, "export")
        try reader.expect(.word, "default")
        try reader.expect(.punctuator, "{")
        var entries: [(key: Range<Int>, texts: [Range<Int>])] = []
        while !reader.accept(.punctuator, "}") {
            let key = try reader.take([.string, .word], "a key")
            try reader.expect(.punctuator, ":")
            try reader.expect(.punctuator, "[")
            var texts: [Range<Int>] = []
            for index in languages.indices {
                texts.append(try reader.take([.string], "a quoted \(languages[index]) text"))
                if index < languages.count - 1 { try reader.expect(.punctuator, ",") }
            }
            _ = reader.accept(.punctuator, ",")
            try reader.expect(.punctuator, "]")
            entries.append((key, texts))
            if !reader.accept(.punctuator, ",") {
                try reader.expect(.punctuator, "}")
                break
            }
        }
        _ = reader.accept(.punctuator, ";")
        try reader.expectEnd()

        var modules: [String: [UInt8]] = [:]
        for (index, language) in languages.enumerated() {
            var out = Array((compact ? "export default{" : "export default {\n").utf8)
            for (number, entry) in entries.enumerated() {
                if !compact { out += Array("  ".utf8) }
                out += source[entry.key]
                out += Array((compact ? ":" : ": ").utf8)
                let text = entry.texts[index].count > 2 ? entry.texts[index] : entry.texts[fallback]
                out += source[text]
                if number < entries.count - 1 || !compact { out.append(UInt8(ascii: ",")) }
                if !compact { out.append(0x0A) }
            }
            out += Array("};".utf8)
            if !compact { out.append(0x0A) }
            modules[language] = out
        }
        return modules
    }

    static func line(of offset: Int, in source: [UInt8]) -> Int {
        source[..<min(offset, source.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private struct Reader {
        let source: [UInt8]
        let tokens: [ScriptLexer.Token]
        var index = 0

        private func error(_ expected: String) -> ShapeError {
            let offset = index < tokens.count ? tokens[index].range.lowerBound : source.count
            let found = index < tokens.count ? "'\(String(decoding: source[tokens[index].range].prefix(40), as: UTF8.self))'" : "the end"
            return ShapeError(line: StringTableSplitter.line(of: offset, in: source),
                              message: "expected \(expected) in `export default { 'key': ['fr', 'en', 'es'], … }`, found \(found)")
        }

        private func matches(_ kind: ScriptLexer.Kind, _ text: String) -> Bool {
            index < tokens.count && tokens[index].kind == kind && source[tokens[index].range].elementsEqual(text.utf8)
        }

        mutating func accept(_ kind: ScriptLexer.Kind, _ text: String) -> Bool {
            guard matches(kind, text) else { return false }
            index += 1
            return true
        }

        mutating func expect(_ kind: ScriptLexer.Kind, _ text: String) throws(ShapeError) {
            guard accept(kind, text) else { throw error("'\(text)'") }
        }

        mutating func take(_ kinds: [ScriptLexer.Kind], _ what: String) throws(ShapeError) -> Range<Int> {
            guard index < tokens.count, kinds.contains(tokens[index].kind) else { throw error(what) }
            index += 1
            return tokens[index - 1].range
        }

        func expectEnd() throws(ShapeError) {
            guard index == tokens.count else { throw error("the end of the table") }
        }
    }
}
