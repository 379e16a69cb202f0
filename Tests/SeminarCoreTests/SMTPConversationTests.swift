import SeminarCore
import Testing

@Suite("SMTP conversation (the client's state machine)")
struct SMTPConversationTests {
    func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines) }

    func conversation(_ security: SMTPConversation.Security = .none, credentials: SMTPConversation.Credentials? = nil,
                      message: String = "Subject: hi\r\n\r\nbody\r\n") -> SMTPConversation {
        SMTPConversation(security: security, credentials: credentials, heloName: "example.org",
                         from: "seminar@example.org", to: "ada@example.org", message: message)
    }

    @Test("plain: greeting, EHLO, MAIL FROM, RCPT TO, DATA, the message, QUIT")
    func happyPath() {
        var c = conversation()
        #expect(c.receive(reply(220, "relay ready")) == .send("EHLO example.org"))
        #expect(c.receive(reply(250, "relay", "PIPELINING", "8BITMIME")) == .send("MAIL FROM:<seminar@example.org>"))
        #expect(c.receive(reply(250, "ok")) == .send("RCPT TO:<ada@example.org>"))
        #expect(c.receive(reply(250, "ok")) == .send("DATA"))
        #expect(c.receive(reply(354, "go ahead")) == .sendData("Subject: hi\r\n\r\nbody\r\n.\r\n"))
        #expect(!c.accepted)
        #expect(c.receive(reply(250, "queued")) == .send("QUIT"))
        #expect(c.accepted)
        #expect(c.receive(reply(221, "bye")) == .delivered)
    }

    @Test("STARTTLS: EHLO, STARTTLS, TLS, EHLO again, then AUTH PLAIN")
    func startTLSAndAuthPlain() {
        var c = conversation(.startTLS, credentials: .init(user: "ada", password: "s3cret"))
        #expect(c.receive(reply(220)) == .send("EHLO example.org"))
        #expect(c.receive(reply(250, "relay", "STARTTLS", "SIZE 1000")) == .send("STARTTLS"))
        #expect(c.receive(reply(220, "ready for TLS")) == .startTLS)
        #expect(c.tlsStarted() == .send("EHLO example.org"))
        // base64("\0ada\0s3cret")
        #expect(c.receive(reply(250, "relay", "AUTH LOGIN PLAIN")) == .send("AUTH PLAIN AGFkYQBzM2NyZXQ="))
        #expect(c.receive(reply(235, "ok")) == .send("MAIL FROM:<seminar@example.org>"))
    }

    @Test("AUTH LOGIN when PLAIN is not offered: user, then password, each base64")
    func authLogin() {
        var c = conversation(.implicitTLS, credentials: .init(user: "ada", password: "pw"))
        _ = c.receive(reply(220))
        #expect(c.receive(reply(250, "relay", "AUTH LOGIN")) == .send("AUTH LOGIN"))
        #expect(c.receive(reply(334, "VXNlcm5hbWU6")) == .send("YWRh"))
        #expect(c.receive(reply(334, "UGFzc3dvcmQ6")) == .send("cHc="))
        #expect(c.receive(reply(235)) == .send("MAIL FROM:<seminar@example.org>"))
    }

    @Test("no STARTTLS offered when required, or credentials without TLS: a permanent failure, nothing sent in clear")
    func refusesToDowngrade() {
        var c = conversation(.startTLS, credentials: .init(user: "ada", password: "pw"))
        _ = c.receive(reply(220))
        guard case .failed(let failure) = c.receive(reply(250, "relay", "AUTH PLAIN")) else { Issue.record("expected a failure"); return }
        #expect(failure.permanent)
        var plain = conversation(.none, credentials: .init(user: "ada", password: "pw"))
        _ = plain.receive(reply(220))
        guard case .failed(let second) = plain.receive(reply(250, "relay", "AUTH PLAIN")) else { Issue.record("expected a failure"); return }
        #expect(second.permanent)
    }

    @Test("a 4xx reply is a transient failure (retry); a 5xx a permanent one")
    func failures() {
        var busy = conversation()
        _ = busy.receive(reply(220)); _ = busy.receive(reply(250)); _ = busy.receive(reply(250))
        #expect(busy.receive(reply(451, "try later")) == .failed(SMTPFailure(permanent: false, reason: "RCPT TO: 451 try later")))
        var refused = conversation()
        _ = refused.receive(reply(220)); _ = refused.receive(reply(250)); _ = refused.receive(reply(250))
        guard case .failed(let failure) = refused.receive(reply(550, "no such user")) else { Issue.record("expected a failure"); return }
        #expect(failure.permanent && !refused.accepted)
        var greeting = conversation()
        guard case .failed(let busyGreeting) = greeting.receive(reply(421, "too busy")) else { Issue.record("expected a failure"); return }
        #expect(!busyGreeting.permanent)
    }

    @Test("dot-stuffing: a line starting with a dot gets another; bare LF becomes CRLF; the end marker once")
    func dotStuffing() {
        #expect(SMTPConversation.dotStuffed(".hidden\nline\r\n..two\r\n.") == "..hidden\r\nline\r\n...two\r\n..\r\n.\r\n")
        #expect(SMTPConversation.dotStuffed("a\r\n") == "a\r\n.\r\n")
    }

    @Test("replies: multi-line replies are gathered; a line that is no reply is an error")
    func parser() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-relay.example.org") == nil)
        #expect(try parser.feed("250-STARTTLS") == nil)
        #expect(try parser.feed("250 AUTH PLAIN") == SMTPReply(code: 250, lines: ["relay.example.org", "STARTTLS", "AUTH PLAIN"]))
        #expect(try parser.feed("220") == SMTPReply(code: 220, lines: [""]))
        #expect(throws: SMTPFailure.self) { try parser.feed("hello") }
    }

    @Test("smtpURL: plain relay, STARTTLS with credentials, implicit TLS, percent-encoded user")
    func endpoint() {
        #expect(SMTPEndpoint.parse("smtp://localhost") == SMTPEndpoint(host: "localhost", port: 25, security: .none, credentials: nil))
        #expect(SMTPEndpoint.parse("smtp://ada%40example.org:p%3Ass@mail.example.org:587")
            == SMTPEndpoint(host: "mail.example.org", port: 587, security: .startTLS, credentials: .init(user: "ada@example.org", password: "p:ss")))
        #expect(SMTPEndpoint.parse("smtps://u:p@mail.example.org") == SMTPEndpoint(host: "mail.example.org", port: 465, security: .implicitTLS,
                                                                                   credentials: .init(user: "u", password: "p")))
        #expect(SMTPEndpoint.parse("smtp://[::1]:2525")?.port == 2525)
        #expect(SMTPEndpoint.parse("http://mail.example.org") == nil)
        #expect(SMTPEndpoint.parse("smtp://mail.example.org:99999") == nil)
        #expect(SMTPEndpoint.parse("smtp://") == nil)
    }
}
