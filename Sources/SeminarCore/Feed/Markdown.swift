/// A run of text inside a block of a post: plain, strong, emphasised, code, or a link.
public struct MarkdownInline: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case text, strong, em, code, link }
    public var type: Kind
    public var text: String
    /// Only for links: `http(s)://…`, a client route `#/…`, or an uploaded file `/files/…`.
    public var href: String?

    public init(_ type: Kind, _ text: String, href: String? = nil) {
        self.type = type
        self.text = text
        self.href = href
    }
}

/// A block of a post: a paragraph, a heading (level 1–3), a quote, or a list of items.
public struct MarkdownBlock: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case paragraph, heading, quote, list }
    public var type: Kind
    public var level: Int?
    public var ordered: Bool?
    public var inlines: [MarkdownInline]?
    public var items: [[MarkdownInline]]?

    public static func paragraph(_ inlines: [MarkdownInline]) -> Self { .init(type: .paragraph, inlines: inlines) }
    public static func heading(_ level: Int, _ inlines: [MarkdownInline]) -> Self { .init(type: .heading, level: level, inlines: inlines) }
    public static func quote(_ inlines: [MarkdownInline]) -> Self { .init(type: .quote, inlines: inlines) }
    public static func list(ordered: Bool, _ items: [[MarkdownInline]]) -> Self { .init(type: .list, ordered: ordered, items: items) }
}

/// The small, safe subset of Markdown that posts are written in. It is parsed here into blocks and runs of
/// text; clients build DOM nodes from them and never see HTML, so nothing a person types can become markup.
///
/// Blocks: paragraphs (lines joined), `#`/`##`/`###` headings, `>` quotes, `-`/`*`/`+` and `1.` lists.
/// Inline: `**strong**`, `*em*`, `` `code` ``, `[text](url)` and bare `http(s)://` addresses; `\` escapes.
/// A link whose address is not http(s), a `#/` route or a `/files/` upload stays plain text.
public enum Markdown {
    public static func parse(_ text: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var quote: [String] = []
        var list: (ordered: Bool, items: [String])?

        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inlines(paragraph.joined(separator: " ")))) }
            if !quote.isEmpty { blocks.append(.quote(inlines(quote.joined(separator: " ")))) }
            if let open = list { blocks.append(.list(ordered: open.ordered, open.items.map(inlines))) }
            paragraph = []
            quote = []
            list = nil
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty {
                flush()
            } else if let (level, rest) = heading(trimmed) {
                flush()
                blocks.append(.heading(level, inlines(rest)))
            } else if trimmed.hasPrefix(">") {
                if quote.isEmpty { flush() }
                quote.append(String(trimmed.dropFirst()).trimmingWhitespace())
            } else if let (ordered, rest) = listItem(trimmed) {
                if list?.ordered != ordered { flush(); list = (ordered, []) }
                list?.items.append(rest)
            } else if list != nil, line.first?.isWhitespace == true, let last = list?.items.indices.last {
                list?.items[last] += " " + trimmed
            } else {
                if !quote.isEmpty || list != nil { flush() }
                paragraph.append(trimmed)
            }
        }
        flush()
        return blocks
    }

    /// The runs of one block's text.
    public static func inlines(_ text: String) -> [MarkdownInline] {
        let chars = Array(text)
        var out: [MarkdownInline] = []
        var plain = ""
        var i = 0

        func emit(_ inline: MarkdownInline) {
            if !plain.isEmpty { out.append(MarkdownInline(.text, plain)); plain = "" }
            out.append(inline)
        }
        func find(_ marker: [Character], from start: Int) -> Int? {
            var j = start
            while j + marker.count <= chars.count {
                if Array(chars[j..<j + marker.count]) == marker { return j }
                j += 1
            }
            return nil
        }

        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                plain.append(chars[i + 1])
                i += 2
            } else if c == "`", let end = find(["`"], from: i + 1), end > i + 1 {
                emit(MarkdownInline(.code, String(chars[(i + 1)..<end])))
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find(["*", "*"], from: i + 2), end > i + 2 {
                emit(MarkdownInline(.strong, String(chars[(i + 2)..<end])))
                i = end + 2
            } else if c == "*", i + 1 < chars.count, !chars[i + 1].isWhitespace, let end = find(["*"], from: i + 1), end > i + 1 {
                emit(MarkdownInline(.em, String(chars[(i + 1)..<end])))
                i = end + 1
            } else if c == "[", let close = find(["]", "("], from: i + 1), let end = closingParenthesis(chars, from: close + 2) {
                let label = String(chars[(i + 1)..<close])
                let target = String(chars[(close + 2)..<end]).trimmingWhitespace()
                if let href = safeHref(target) {
                    emit(MarkdownInline(.link, label.isEmpty ? href : label, href: href))
                } else {
                    plain += label
                }
                i = end + 1
            } else if c == "h", startsURL(chars, at: i) {
                var end = i
                while end < chars.count, !chars[end].isWhitespace { end += 1 }
                // Sentence punctuation right after an address is not part of it.
                while end > i, ".,;:!?)".contains(chars[end - 1]) { end -= 1 }
                let url = String(chars[i..<end])
                emit(MarkdownInline(.link, url, href: url))
                i = end
            } else {
                plain.append(c)
                i += 1
            }
        }
        if !plain.isEmpty { out.append(MarkdownInline(.text, plain)) }
        return out
    }

    /// The address if a link may point there: http(s), a client route or an uploaded file; nil otherwise.
    public static func safeHref(_ target: String) -> String? {
        let lower = target.lowercased()
        guard !target.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return target.count > 8 ? target : nil }
        if target.hasPrefix("#/") || target.hasPrefix("/files/") { return target }
        return nil
    }

    /// The first `limit` characters of the post's text, without markup, for feed cards.
    public static func excerpt(_ blocks: [MarkdownBlock], limit: Int = 280) -> String {
        // A list's items stay apart ("languages · Partnership", not "languagesPartnership"): in excerpts, and in the
        // search index, whose snippets are cut from this text.
        let text = blocks.map { block in
            if let inlines = block.inlines { return inlines.map(\.text).joined() }
            return (block.items ?? []).map { $0.map(\.text).joined() }.joined(separator: " · ")
        }.joined(separator: " ")
        guard text.count > limit else { return text }
        return String(text.prefix(limit)).trimmingWhitespace() + "…"
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...3).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (hashes, String(line.dropFirst(hashes)).trimmingWhitespace())
    }

    private static func listItem(_ line: String) -> (ordered: Bool, rest: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)).trimmingWhitespace())
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if (1...3).contains(digits.count) {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                return (true, String(rest.dropFirst(2)).trimmingWhitespace())
            }
        }
        return nil
    }

    /// The `)` that closes a link's address, counting the parentheses inside it.
    private static func closingParenthesis(_ chars: [Character], from start: Int) -> Int? {
        var depth = 1
        var j = start
        while j < chars.count {
            if chars[j] == "(" { depth += 1 }
            if chars[j] == ")" { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return nil
    }

    private static func startsURL(_ chars: [Character], at i: Int) -> Bool {
        for prefix in ["https://", "http://"] {
            let p = Array(prefix)
            if i + p.count < chars.count, Array(chars[i..<i + p.count]) == p, i == 0 || !chars[i - 1].isLetter { return true }
        }
        return false
    }
}
