/// Shrinks CSS without changing what it means: comments go, whitespace runs become one space, and that space goes
/// where it cannot matter: around `{ } ; , >`, after a `:` inside a block (`color: red`), and the `;` before a
/// `}`. Strings and `url(…)` are copied as written. A space before a `:` is kept: `a :hover` (any hovered element
/// inside an `a`) is not `a:hover`; so are spaces around `+`, `-` and `~` (`calc(1px + 2%)` needs them) and
/// around parentheses (`and (min-width…)` would become a function call). A `var(…)` is copied as written too: the
/// browser keeps a custom property's fallback as written (`var(--x, 4px)` is not `var(--x,4px)` to the CSSOM).
public enum StyleMinifier {
    /// `source` minified.
    public static func minify(_ source: String) -> String {
        String(decoding: minify(Array(source.utf8)), as: UTF8.self)
    }

    /// Characters around which a space never matters.
    private static let tight: Set<UInt8> = [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: ">")]

    /// UTF-8 `source` minified. CSS forgives an unclosed comment or string, and so does this: it ends there.
    public static func minify(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        var depth = 0
        var space = false // whitespace (or a comment) seen since the last output
        var spaceIdleAfter = true // the last output makes a following space useless
        var lastPlain: UInt8? // the last byte output outside strings, urls and escapes

        func emitSpace(before c: UInt8) {
            if space, !spaceIdleAfter, !tight.contains(c) { out.append(0x20) }
            space = false
        }

        while i < s.count {
            let c = s[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                space = true
                i += 1
            } else if c == UInt8(ascii: "/"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i < s.count, !(s[i] == UInt8(ascii: "*") && i + 1 < s.count && s[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i = min(i + 2, s.count)
                space = true
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                emitSpace(before: c)
                let start = i
                i += 1
                while i < s.count, s[i] != c {
                    i += s[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i = min(i + 1, s.count)
                out.append(contentsOf: s[start..<i])
                spaceIdleAfter = false
                lastPlain = nil
            } else if let end = unquotedURLEnd(s, at: i) ?? varEnd(s, at: i) {
                emitSpace(before: c)
                out.append(contentsOf: s[i..<end])
                i = end
                spaceIdleAfter = false
                lastPlain = nil
            } else if c == UInt8(ascii: "\\") {
                emitSpace(before: c)
                let end = min(i + 2, s.count)
                out.append(contentsOf: s[i..<end])
                i = end
                spaceIdleAfter = false
                lastPlain = nil
            } else {
                if c == UInt8(ascii: "}") {
                    space = false
                    if lastPlain == UInt8(ascii: ";") { out.removeLast() }
                    depth = max(0, depth - 1)
                } else {
                    emitSpace(before: c)
                    if c == UInt8(ascii: "{") { depth += 1 }
                }
                out.append(c)
                spaceIdleAfter = tight.contains(c) || (c == UInt8(ascii: ":") && depth > 0)
                lastPlain = c
                i += 1
            }
        }
        return out
    }

    /// Where `url(…)` written without quotes ends (after its `)`), if one starts at `i`.
    private static func unquotedURLEnd(_ s: [UInt8], at i: Int) -> Int? {
        guard i + 4 <= s.count, s[i] | 0x20 == UInt8(ascii: "u"), s[i + 1] | 0x20 == UInt8(ascii: "r"),
              s[i + 2] | 0x20 == UInt8(ascii: "l"), s[i + 3] == UInt8(ascii: "(") else { return nil }
        if i > 0, isNameByte(s[i - 1]) { return nil } // `myurl(`: another function
        var j = i + 4
        while j < s.count, s[j] == 0x20 || s[j] == 0x09 || s[j] == 0x0A { j += 1 }
        if j < s.count, s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") { return nil } // a string: handled as one
        while j < s.count, s[j] != UInt8(ascii: ")") {
            j += s[j] == UInt8(ascii: "\\") ? 2 : 1
        }
        return min(j + 1, s.count)
    }

    /// Where `var(…)` ends (after its matching `)`), if one starts at `i`; strings and nested parentheses inside it
    /// are skipped whole.
    private static func varEnd(_ s: [UInt8], at i: Int) -> Int? {
        guard i + 4 <= s.count, s[i] | 0x20 == UInt8(ascii: "v"), s[i + 1] | 0x20 == UInt8(ascii: "a"),
              s[i + 2] | 0x20 == UInt8(ascii: "r"), s[i + 3] == UInt8(ascii: "(") else { return nil }
        if i > 0, isNameByte(s[i - 1]) { return nil } // `myvar(`: another function
        var j = i + 4
        var depth = 1
        while j < s.count, depth > 0 {
            let c = s[j]
            if c == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                j += 1
                while j < s.count, s[j] != c { j += s[j] == UInt8(ascii: "\\") ? 2 : 1 }
            } else if c == UInt8(ascii: "(") {
                depth += 1
            } else if c == UInt8(ascii: ")") {
                depth -= 1
            }
            j += 1
        }
        return min(j, s.count)
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        ScriptLexer.isLetter(c) || ScriptLexer.isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c >= 0x80
    }
}
