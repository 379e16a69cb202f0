/// One SMTP reply: its code and its text lines (a multi-line reply such as EHLO's has several).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var description: String { "\(code) \(lines.joined(separator: " / "))" }

    /// 2xx and 3xx: go on.
    public var isPositive: Bool { code >= 200 && code < 400 }
    /// 4xx: try again later.
    public var isTransient: Bool { code >= 400 && code < 500 }
}

/// Gathers reply lines (`250-first`, `250 last`) into replies; a line that is not a reply is a protocol error.
public struct SMTPReplyParser: Sendable {
    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Feeds one line without its line break; a reply when the line ends one.
    public mutating func feed(_ line: String) throws(SMTPFailure) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
              let value = Int(String(decoding: bytes[0...2], as: UTF8.self))
        else { throw SMTPFailure(permanent: false, reason: "not an SMTP reply: \(line.prefix(80))") }
        if let code, code != value { throw SMTPFailure(permanent: false, reason: "reply code changed inside a reply") }
        code = value
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") else { return nil }
        defer { code = nil; lines = [] }
        return SMTPReply(code: value, lines: lines)
    }
}

/// Why a mail was not delivered: `permanent` for a 5xx (or a server that cannot do what we need), else transient.
public struct SMTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let permanent: Bool
    public let reason: String

    public init(permanent: Bool, reason: String) {
        self.permanent = permanent
        self.reason = reason
    }

    public var description: String { reason }
}
