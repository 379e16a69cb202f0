/// A mail as it goes on the wire: RFC 5322 headers and a multipart/alternative body (text/plain, then text/html),
/// both UTF-8 in quoted-printable. Built from the outbox row at send time; pure, so its shape is unit-tested.
public struct MailMessage: Sendable, Equatable {
    public var fromName: String
    public var fromAddress: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    public var date: Timestamp
    /// Without the angle brackets, e.g. `42.1764000000000@example.org`.
    public var messageID: String
    /// Further headers (e.g. `List-Unsubscribe`), in order.
    public var headers: [MailHeader]
    /// Files after the text (then the body is multipart/mixed around the multipart/alternative).
    public var attachments: [MailAttachment]

    public init(fromName: String, fromAddress: String, to: String, subject: String, text: String, html: String,
                date: Timestamp, messageID: String, headers: [MailHeader] = [], attachments: [MailAttachment] = []) {
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
        self.headers = headers
        self.attachments = attachments
    }

    /// The whole message with CRLF line breaks (not yet dot-stuffed: that is the SMTP conversation's job).
    /// `boundary` separates the parts; it must not occur in the encoded parts (quoted-printable never has `--=_`).
    public func rendered(boundary: String) -> String {
        var lines = [
            "From: \(MailEncoding.displayName(fromName)) <\(fromAddress)>",
            "To: <\(to)>",
            "Subject: \(MailEncoding.headerWords(subject.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        for header in headers where !header.value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            lines.append("\(header.name): \(header.value)")
        }
        if !attachments.isEmpty {
            // multipart/mixed: the text (itself multipart/alternative), then each file.
            let mixed = boundary + "_mixed"
            lines += ["Content-Type: multipart/mixed; boundary=\"\(mixed)\"", "", "--\(mixed)"]
            lines += alternative(boundary)
            for file in attachments {
                let name = file.filename.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
                lines += ["--\(mixed)", "Content-Type: \(file.contentType.filter { !$0.isNewline }); name=\"\(name)\"",
                          "Content-Disposition: attachment; filename=\"\(name)\"", "Content-Transfer-Encoding: base64", "",
                          MailEncoding.base64Lines(Array(file.content.utf8))]
            }
            lines += ["--\(mixed)--", ""]
            return lines.joined(separator: "\r\n")
        }
        lines += alternative(boundary) + [""]
        return lines.joined(separator: "\r\n")
    }

    /// The text and HTML bodies as one multipart/alternative part (its headers, then its parts).
    private func alternative(_ boundary: String) -> [String] {
        [
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MailEncoding.quotedPrintable(text),
            "--\(boundary)",
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MailEncoding.quotedPrintable(html),
            "--\(boundary)--",
        ]
    }

    /// `Wed, 25 Nov 2026 10:00:00 +0000`
    public static func rfc5322Date(_ time: Timestamp) -> String {
        let days = Timestamp.floorDiv(time.milliseconds, 86_400_000)
        let secondsOfDay = (time.milliseconds - days * 86_400_000) / 1000
        let (y, m, d) = Timestamp.civil(fromDays: days)
        // 1970-01-01 was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Int(m - 1)]
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(d) \(month) \(y) \(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) +0000"
    }
}

/// One extra header of a mail.
public struct MailHeader: Sendable, Equatable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
