/// The encodings a mail needs (base64, quoted-printable, RFC 2047 encoded words), without Foundation.
public enum MailEncoding {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding, on one line.
    public static func base64(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let b0 = input[index], b1 = index + 1 < input.count ? input[index + 1] : 0, b2 = index + 2 < input.count ? input[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 cut into lines of 76 characters (RFC 2045), joined by CRLF.
    public static func base64Lines(_ bytes: some Collection<UInt8>) -> String {
        let whole = Array(base64(bytes))
        return stride(from: 0, to: whole.count, by: 76).map { String(whole[$0..<min($0 + 76, whole.count)]) }.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks become CRLF, lines are cut at 76 characters with
    /// soft breaks, and a space or tab before a line break is encoded so that no relay strips it.
    public static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var lines: [String] = []
        for line in normalizedLines(text) {
            var out: [UInt8] = []
            var width = 0
            let bytes = Array(line.utf8)
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                var piece: [UInt8]
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !last) {
                    piece = [byte]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                if width + piece.count > 75 {
                    out += [UInt8(ascii: "="), 13, 10]
                    width = 0
                }
                out += piece
                width += piece.count
            }
            lines.append(String(decoding: out, as: UTF8.self))
        }
        return lines.joined(separator: "\r\n")
    }

    /// A header value as RFC 2047 encoded words (`=?UTF-8?B?…?=`) when it is not plain ASCII, else unchanged.
    /// Each word stays within 75 characters and never splits a character; words are joined by a folding space.
    public static func headerWords(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) else { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 45 bytes encode to 60 characters; with "=?UTF-8?B?" and "?=" that is 72.
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(base64(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A display name for `From`/`To`: encoded words when not ASCII, else a quoted string.
    public static func displayName(_ name: String) -> String {
        let clean = String(name.unicodeScalars.filter { $0.value >= 32 && $0 != "\u{7F}" })
        if clean.unicodeScalars.contains(where: { !$0.isASCII }) { return headerWords(clean) }
        let escaped = clean.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// The lines of `text`, whatever its line breaks (CRLF, LF or CR).
    static func normalizedLines(_ text: String) -> [Substring] {
        text.replacing("\r\n", with: "\n").replacing("\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    }
}
