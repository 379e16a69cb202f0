/// A light pass over HTML that cannot change what the page shows: comments go (not `<!--[if …]>`), every line loses
/// its indentation and trailing spaces, blank lines go, and whitespace inside a tag shrinks to one space. A line
/// break stays a line break, so text keeps its word spaces. Attribute values and the content of `<script>`,
/// `<style>`, `<pre>` and `<textarea>` are copied as written.
public enum MarkupMinifier {
    /// `source` with the whitespace and comments that do not show removed.
    public static func minify(_ source: String) -> String {
        String(decoding: minify(Array(source.utf8)), as: UTF8.self)
    }

    /// Elements whose content is kept exactly.
    private static let raw = ["script", "style", "pre", "textarea"].map { Array($0.utf8) }

    /// UTF-8 `source`, lightly minified.
    public static func minify(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "<"), starts(s, at: i, with: "<!--"), !starts(s, at: i, with: "<!--[") {
                i = find(s, "-->", from: i + 4).map { $0 + 3 } ?? s.count
            } else if c == UInt8(ascii: "<"), i + 1 < s.count, ScriptLexer.isLetter(s[i + 1]) || s[i + 1] == UInt8(ascii: "/") {
                i = copyTag(s, from: i, into: &out)
            } else if c == 0x0A || c == 0x0D {
                while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
                if let last = out.last, last != 0x0A { out.append(0x0A) }
                i += 1
                while i < s.count, s[i] == 0x20 || s[i] == 0x09 || s[i] == 0x0A || s[i] == 0x0D { i += 1 }
            } else {
                out.append(c)
                i += 1
            }
        }
        while let last = out.last, last == 0x0A || last == 0x20 || last == 0x09 { out.removeLast() }
        return out
    }

    /// Copies the tag starting at `start` (whitespace outside quotes shrunk to one space) and, for a raw element,
    /// its content up to its end tag as written. Returns where to go on.
    private static func copyTag(_ s: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        var i = start
        var quote: UInt8?
        var space = false
        while i < s.count {
            let c = s[i]
            i += 1
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                space = true
                continue
            }
            if space, c != UInt8(ascii: ">") { out.append(0x20) }
            space = false
            out.append(c)
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            if c == UInt8(ascii: ">") { break }
        }
        guard s[start + 1] != UInt8(ascii: "/"), let name = raw.first(where: { startsIgnoringCase(s, at: start + 1, with: $0) }),
              start + 1 + name.count < s.count, !ScriptLexer.isLetter(s[start + 1 + name.count]) else { return i }
        let end = findIgnoringCase(s, Array("</".utf8) + name, from: i) ?? s.count
        out.append(contentsOf: s[i..<end])
        return end
    }

    private static func starts(_ s: [UInt8], at i: Int, with text: String) -> Bool {
        let bytes = Array(text.utf8)
        return i + bytes.count <= s.count && Array(s[i..<i + bytes.count]) == bytes
    }

    private static func startsIgnoringCase(_ s: [UInt8], at i: Int, with bytes: [UInt8]) -> Bool {
        guard i + bytes.count <= s.count else { return false }
        return bytes.indices.allSatisfy { s[i + $0] | 0x20 == bytes[$0] | 0x20 }
    }

    private static func find(_ s: [UInt8], _ text: String, from: Int) -> Int? {
        var i = from
        while i < s.count {
            if starts(s, at: i, with: text) { return i }
            i += 1
        }
        return nil
    }

    private static func findIgnoringCase(_ s: [UInt8], _ bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i < s.count {
            if startsIgnoringCase(s, at: i, with: bytes) { return i }
            i += 1
        }
        return nil
    }
}
