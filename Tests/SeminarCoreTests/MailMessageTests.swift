import Foundation
import SeminarCore
import Testing

@Suite("mail message builder and encodings")
struct MailMessageTests {
    let message = MailMessage(fromName: "Séminaire CGLU", fromAddress: "seminar@example.org", to: "ada@example.org",
                              subject: "Choisir un nouveau mot de passe — Séminaire", text: "Bonjour Ada,\n.point\nfin", html: "<p>Bonjour</p>",
                              date: Timestamp(iso8601: "2026-11-25T10:04:05Z")!, messageID: "42.1@example.org",
                              headers: [MailHeader(name: "List-Unsubscribe", value: "<https://example.org/u/1>"),
                                        MailHeader(name: "X-Injected", value: "a\r\nBcc: evil@example.org")])

    @Test("headers: From with the encoded name, To, RFC 2047 subject, Date, Message-ID, MIME-Version, extra headers")
    func headers() {
        let text = message.rendered(boundary: "=_b")
        let head = text.split(separator: "\r\n\r\n", maxSplits: 1).first.map(String.init) ?? ""
        #expect(head.contains("From: =?UTF-8?B?U8OpbWluYWlyZSBDR0xV?= <seminar@example.org>\r\n"))
        #expect(head.contains("To: <ada@example.org>\r\n"))
        #expect(head.contains("Subject: =?UTF-8?B?"))
        #expect(!head.contains("Séminaire"))
        #expect(head.contains("Date: Wed, 25 Nov 2026 10:04:05 +0000\r\n"))
        #expect(head.contains("Message-ID: <42.1@example.org>\r\n"))
        #expect(head.contains("MIME-Version: 1.0\r\n"))
        #expect(head.contains("List-Unsubscribe: <https://example.org/u/1>\r\n"))
        #expect(!head.contains("Bcc"), "a header value with a line break is dropped, not injected")
        // No bare LF anywhere.
        #expect(!text.replacing("\r\n", with: "").contains("\n"))
    }

    @Test("multipart/alternative: text/plain then text/html, UTF-8, quoted-printable, closing boundary")
    func structure() {
        let text = message.rendered(boundary: "=_b")
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"=_b\"\r\n"))
        let parts = text.components(separatedBy: "--=_b")
        #expect(parts.count == 4, "preamble, text, html, epilogue")
        #expect(parts[1].contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour Ada,\r\n.point\r\nfin"))
        #expect(parts[2].contains("Content-Type: text/html; charset=UTF-8"))
        #expect(parts[3].hasPrefix("--\r\n"))
    }

    @Test("RFC 2047: ASCII stays; other text becomes UTF-8 base64 words of at most 75 characters, never splitting a character")
    func encodedWords() {
        #expect(MailEncoding.headerWords("Plain subject") == "Plain subject")
        #expect(MailEncoding.headerWords("Réunion") == "=?UTF-8?B?UsOpdW5pb24=?=")
        let long = String(repeating: "é", count: 60)
        let words = MailEncoding.headerWords(long).components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        for word in words { #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=")) }
        #expect(MailEncoding.displayName("Ada \"the\" Admin") == "\"Ada \\\"the\\\" Admin\"")
    }

    @Test("quoted-printable: = and non-ASCII encoded, lines at most 76, trailing space kept")
    func quotedPrintable() {
        #expect(MailEncoding.quotedPrintable("a=b é") == "a=3Db =C3=A9")
        #expect(MailEncoding.quotedPrintable("end \nx") == "end=20\r\nx")
        let long = MailEncoding.quotedPrintable(String(repeating: "x", count: 200))
        for line in long.components(separatedBy: "\r\n") { #expect(line.count <= 76) }
        #expect(long.replacing("=\r\n", with: "") == String(repeating: "x", count: 200))
    }

    @Test("base64 of 0, 1, 2 and 3 bytes")
    func base64() {
        #expect(MailEncoding.base64(Array("".utf8)) == "")
        #expect(MailEncoding.base64(Array("f".utf8)) == "Zg==")
        #expect(MailEncoding.base64(Array("fo".utf8)) == "Zm8=")
        #expect(MailEncoding.base64(Array("foo".utf8)) == "Zm9v")
    }

    @Test("the reset mail in each language: the link, the time, the person's name escaped in HTML")
    func resetMail() {
        for language in Language.allCases {
            let mail = PasswordResetMail.compose(language: language, seminarName: "UCLG", personName: "<b>Ada</b>",
                                                 link: "https://s.example.org/#/reset/abc", minutes: 60)
            #expect(mail.text.contains("https://s.example.org/#/reset/abc") && mail.text.contains("60"))
            #expect(mail.html.contains("href=\"https://s.example.org/#/reset/abc\""))
            #expect(mail.html.contains("&lt;b&gt;Ada&lt;/b&gt;") && !mail.html.contains("<b>Ada"))
            #expect(mail.html.contains("lang=\"\(language.rawValue)\""))
        }
        #expect(PasswordResetMail.compose(language: .fr, seminarName: "S", personName: "A", link: "l", minutes: 60).subject.hasPrefix("Choisir"))
        #expect(PasswordResetMail.compose(language: .es, seminarName: "S", personName: "A", link: "l", minutes: 60).subject.hasPrefix("Elegir"))
    }
}
