/// Shrinks JavaScript without changing what it does: comments go, indentation and blank lines go, and what
/// separated two tokens becomes nothing, one space (where the tokens would otherwise run together: `a b`,
/// `+ +`, `1 .x`) or one line break (where the source had one: automatic semicolon insertion, `return\nx` or
/// `a\n++b`, depends on it). Names are never changed, so the served code reads like the source.
///
/// A line break is dropped only where it cannot matter: after `;`, `{`, `,`, `(`, `[` and before `}`.
public enum ScriptMinifier {
    /// `source` minified; throws when it cannot be tokenized (the caller serves it as it is).
    public static func minify(_ source: String) throws(ScriptLexer.SyntaxError) -> String {
        String(decoding: try minify(Array(source.utf8)), as: UTF8.self)
    }

    /// UTF-8 `source` minified.
    public static func minify(_ source: [UInt8]) throws(ScriptLexer.SyntaxError) -> [UInt8] {
        let tokens = try ScriptLexer.tokens(source)
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var previous: ScriptLexer.Token?
        for token in tokens {
            if let previous {
                switch token.gap {
                case .none:
                    break
                case .lineBreak where !lineBreakIsIdle(after: previous, before: token, in: source):
                    out.append(0x0A)
                case .space, .lineBreak:
                    if needsSpace(previous, token, in: source) { out.append(0x20) }
                }
            }
            out.append(contentsOf: source[token.range])
            previous = token
        }
        return out
    }

    /// Punctuation after which (or `}` before which) a line break never changes how the code parses.
    private static let idleAfter: Set<UInt8> = [UInt8(ascii: ";"), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: "[")]

    private static func lineBreakIsIdle(after previous: ScriptLexer.Token, before next: ScriptLexer.Token, in source: [UInt8]) -> Bool {
        (previous.kind == .punctuator && idleAfter.contains(source[previous.range.lowerBound]))
            || (next.kind == .punctuator && source[next.range.lowerBound] == UInt8(ascii: "}"))
    }

    /// Character pairs that would read as another token once joined: `+ +` (`++`), `- -`, `/ /` (a comment),
    /// `/ *`, `< !` (`<!--`), `- >` (`-->`), `? .` (`?.`).
    private static let joining: Set<[UInt8]> = Set(["++", "--", "//", "/*", "<!", "->", "?."].map { Array($0.utf8) })

    private static func needsSpace(_ previous: ScriptLexer.Token, _ next: ScriptLexer.Token, in source: [UInt8]) -> Bool {
        let last = source[previous.range.upperBound - 1]
        let first = source[next.range.lowerBound]
        if ScriptLexer.isWordByte(last) && ScriptLexer.isWordByte(first) { return true }
        if previous.kind == .number && first == UInt8(ascii: ".") { return true } // 1 .toString()
        return joining.contains([last, first])
    }
}
