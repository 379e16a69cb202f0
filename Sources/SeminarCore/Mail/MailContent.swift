/// What a mail says: its subject, its plain text and the same in HTML.
public struct MailContent: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// Text made safe inside HTML elements and attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The paragraphs of a text (blank lines between them); the lines of one paragraph joined with spaces.
    public static func normalizedParagraphs(_ text: String) -> [String] {
        var paragraphs: [String] = [], current: [String] = []
        for line in MailEncoding.normalizedLines(text) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }

    /// A small HTML page around paragraphs (each already escaped) and one button-like link.
    static func page(language: Language, title: String, before: [String], link: String, linkLabel: String, after: [String]) -> String {
        let paragraphs = { (texts: [String]) in texts.map { "<p>\($0)</p>" }.joined(separator: "\n") }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(escaped(title))</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 36em;">
            \(paragraphs(before))
            <p><a href="\(escaped(link))" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4f91; color: #ffffff; text-decoration: none; border-radius: 4px;">\(escaped(linkLabel))</a></p>
            <p style="font-size: 0.9em; color: #555555;">\(escaped(link))</p>
            \(paragraphs(after))
            </body></html>
            """
    }
}
