/// Splits JavaScript source into tokens, enough to rewrite what lies between them safely: strings, template
/// literals (with `${ … }` nested to any depth), regular-expression literals told apart from division, comments
/// and whitespace. Tokens are ranges of the source's UTF-8 bytes, so their text is copied exactly as written.
///
/// Punctuators are single characters, except `++` and `--` (a `/` after `a++` divides). A `/` starts a regular
/// expression where an expression may start: after punctuation other than `)` and `]`, after a keyword such as
/// `return` or `typeof`, and at the start; after a name, a number, a string, a template or `)` / `]` it divides.
/// `}` counts as the end of a block (a regular expression may follow), as it is in code written statement by
/// statement; a `}` that closes a template's `${` goes back into the template.
public struct ScriptLexer {
    /// A token's kind.
    public enum Kind: Equatable, Sendable {
        /// A name or keyword (including `#private` names).
        case word
        case number
        /// `'…'` or `"…"`.
        case string
        /// A whole template without substitutions, or one part of one: `` `…${ ``, `}…${` or `` }…` ``.
        case template
        case regex
        case punctuator
    }

    /// What lay between a token and the one before it.
    public enum Gap: Equatable, Sendable {
        case none
        /// Spaces or comments on one line.
        case space
        /// At least one line break (also one inside a block comment): automatic semicolon insertion may care.
        case lineBreak
    }

    /// One token: its kind, its bytes in the source and what separated it from the previous token.
    public struct Token: Equatable, Sendable {
        public let kind: Kind
        public let range: Range<Int>
        public let gap: Gap
    }

    /// Source that cannot be tokenized (an unclosed string, comment, template or regular expression).
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Byte offset where the bad construct starts.
        public let offset: Int
        public let message: String
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Keywords after which an expression starts, so a `/` begins a regular expression.
    static let expressionKeywords: Set<[UInt8]> = Set([
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await",
    ].map { Array($0.utf8) })

    /// The tokens of `source` (UTF-8 bytes).
    public static func tokens(_ source: [UInt8]) throws(SyntaxError) -> [Token] {
        var lexer = ScriptLexer(source: source)
        try lexer.run()
        return lexer.tokens
    }

    private let source: [UInt8]
    private var position = 0
    private var tokens: [Token] = []
    /// One entry per open `{` (false) or `${` (true): a `}` closing a `${` resumes the template.
    private var braces: [Bool] = []

    private init(source: [UInt8]) { self.source = source }

    private func byte(_ offset: Int) -> UInt8? { offset < source.count ? source[offset] : nil }

    private mutating func run() throws(SyntaxError) {
        while true {
            let gap = try skipGap()
            guard let c = byte(position) else {
                if braces.contains(true) { throw SyntaxError(offset: position, message: "unclosed template") }
                return
            }
            let start = position
            let kind: Kind
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                try scanString(quote: c)
                kind = .string
            case UInt8(ascii: "`"):
                position += 1
                try scanTemplate(from: start)
                kind = .template
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                scanNumber()
                kind = .number
            case UInt8(ascii: "."):
                if let next = byte(position + 1), Self.isDigit(next) {
                    scanNumber()
                    kind = .number
                } else {
                    position += 1
                    kind = .punctuator
                }
            case UInt8(ascii: "/"):
                if regexAllowed() {
                    try scanRegex()
                    kind = .regex
                } else {
                    position += 1
                    kind = .punctuator
                }
            case UInt8(ascii: "{"):
                braces.append(false)
                position += 1
                kind = .punctuator
            case UInt8(ascii: "}"):
                if braces.popLast() == true {
                    position += 1
                    try scanTemplate(from: start)
                    kind = .template
                } else {
                    position += 1
                    kind = .punctuator
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                position += byte(position + 1) == c ? 2 : 1
                kind = .punctuator
            default:
                if Self.isWordByte(c) {
                    while let b = byte(position), Self.isWordByte(b), unicodeSpaceAt(position) == nil { position += 1 }
                    kind = .word
                } else {
                    position += 1
                    kind = .punctuator
                }
            }
            tokens.append(Token(kind: kind, range: start..<position, gap: gap))
        }
    }

    /// Skips whitespace and comments; says whether they held a line break.
    private mutating func skipGap() throws(SyntaxError) -> Gap {
        var gap = Gap.none
        while let c = byte(position) {
            if c == 0x0A || c == 0x0D {
                gap = .lineBreak
                position += 1
            } else if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C {
                if gap == .none { gap = .space }
                position += 1
            } else if c == UInt8(ascii: "/"), byte(position + 1) == UInt8(ascii: "/") {
                if gap == .none { gap = .space }
                while let b = byte(position), b != 0x0A, b != 0x0D, !lineSeparatorAt(position) { position += 1 }
            } else if c == UInt8(ascii: "/"), byte(position + 1) == UInt8(ascii: "*") {
                let start = position
                if gap == .none { gap = .space }
                position += 2
                while true {
                    guard let b = byte(position) else { throw SyntaxError(offset: start, message: "unclosed comment") }
                    if b == UInt8(ascii: "*"), byte(position + 1) == UInt8(ascii: "/") {
                        position += 2
                        break
                    }
                    if b == 0x0A || b == 0x0D || lineSeparatorAt(position) { gap = .lineBreak }
                    position += 1
                }
            } else if let length = unicodeSpaceAt(position) {
                if lineSeparatorAt(position) { gap = .lineBreak } else if gap == .none { gap = .space }
                position += length
            } else {
                break
            }
        }
        return gap
    }

    /// U+2028 and U+2029 end a line in JavaScript.
    private func lineSeparatorAt(_ offset: Int) -> Bool {
        byte(offset) == 0xE2 && byte(offset + 1) == 0x80 && (byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9)
    }

    /// The length of a no-break space, a byte-order mark or a line/paragraph separator at `offset`.
    private func unicodeSpaceAt(_ offset: Int) -> Int? {
        if byte(offset) == 0xC2, byte(offset + 1) == 0xA0 { return 2 }
        if byte(offset) == 0xEF, byte(offset + 1) == 0xBB, byte(offset + 2) == 0xBF { return 3 }
        if lineSeparatorAt(offset) { return 3 }
        return nil
    }

    private mutating func scanString(quote: UInt8) throws(SyntaxError) {
        let start = position
        position += 1
        while true {
            guard let c = byte(position), c != 0x0A, c != 0x0D else {
                throw SyntaxError(offset: start, message: "unclosed string")
            }
            position += 1
            if c == quote { return }
            if c == UInt8(ascii: "\\") {
                // An escaped line break (\ then CR LF) continues the string.
                if byte(position) == 0x0D, byte(position + 1) == 0x0A { position += 2 } else if byte(position) != nil { position += 1 }
            }
        }
    }

    /// Scans template text from after `` ` `` or `}` up to and including the closing `` ` `` or the next `${`.
    private mutating func scanTemplate(from start: Int) throws(SyntaxError) {
        while true {
            guard let c = byte(position) else { throw SyntaxError(offset: start, message: "unclosed template") }
            position += 1
            switch c {
            case UInt8(ascii: "`"):
                return
            case UInt8(ascii: "\\"):
                if byte(position) != nil { position += 1 }
            case UInt8(ascii: "$") where byte(position) == UInt8(ascii: "{"):
                position += 1
                braces.append(true)
                return
            default:
                break
            }
        }
    }

    private mutating func scanRegex() throws(SyntaxError) {
        let start = position
        position += 1
        var inClass = false
        while true {
            guard let c = byte(position), c != 0x0A, c != 0x0D, !lineSeparatorAt(position) else {
                throw SyntaxError(offset: start, message: "unclosed regular expression")
            }
            position += 1
            if c == UInt8(ascii: "\\") {
                guard let next = byte(position), next != 0x0A, next != 0x0D else {
                    throw SyntaxError(offset: start, message: "unclosed regular expression")
                }
                position += 1
            } else if c == UInt8(ascii: "[") {
                inClass = true
            } else if c == UInt8(ascii: "]") {
                inClass = false
            } else if c == UInt8(ascii: "/"), !inClass {
                break
            }
        }
        while let b = byte(position), Self.isWordByte(b) { position += 1 } // flags
    }

    /// Digits, letters (hex, exponent, suffix `n`), `_` separators, one decimal point, a sign after an exponent.
    private mutating func scanNumber() {
        let hex = byte(position) == UInt8(ascii: "0") && (byte(position + 1) ?? 0) | 0x20 == UInt8(ascii: "x")
        var sawDot = false
        while let c = byte(position) {
            if c == UInt8(ascii: "."), !sawDot, !hex {
                sawDot = true
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                guard !hex, position > 0, source[position - 1] | 0x20 == UInt8(ascii: "e") else { return }
            } else if !(Self.isDigit(c) || Self.isLetter(c) || c == UInt8(ascii: "_")) {
                return
            }
            position += 1
        }
    }

    /// Whether a `/` here starts a regular expression, from the last token.
    private func regexAllowed() -> Bool {
        guard let last = tokens.last else { return true }
        switch last.kind {
        case .number, .string, .regex:
            return false
        case .template:
            return source[last.range.upperBound - 1] == UInt8(ascii: "{") // `…${`: an expression follows
        case .word:
            if tokens.count > 1, case let before = tokens[tokens.count - 2], before.kind == .punctuator,
               source[before.range.lowerBound] == UInt8(ascii: ".") { return false } // a property: `list.of / 2`
            return Self.expressionKeywords.contains(Array(source[last.range]))
        case .punctuator:
            let c = source[last.range.lowerBound]
            if last.range.count == 2 { return false } // a++ / b
            return c != UInt8(ascii: ")") && c != UInt8(ascii: "]")
        }
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    /// Bytes of names and numbers: letters, digits, `$`, `_`, `#` (private names), `\` (escapes) and non-ASCII.
    static func isWordByte(_ c: UInt8) -> Bool {
        isLetter(c) || isDigit(c) || c == UInt8(ascii: "$") || c == UInt8(ascii: "_") || c == UInt8(ascii: "#")
            || c == UInt8(ascii: "\\") || c >= 0x80
    }
}
