/// The client side of one SMTP conversation as a pure state machine: replies in, commands out. The NIO channel at
/// the edge writes what it is told, upgrades to TLS when told, and feeds back each reply.
///
/// greeting → EHLO → [STARTTLS → TLS → EHLO] → [AUTH PLAIN | AUTH LOGIN] → MAIL FROM → RCPT TO → DATA → message → QUIT.
public struct SMTPConversation: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain text (a local relay).
        case none
        /// Plain, then STARTTLS before anything else; refused if the server does not offer it.
        case startTLS
        /// TLS from the first byte (`smtps://`, port 465): the edge sets it up before the greeting.
        case implicitTLS
    }

    public struct Credentials: Sendable, Equatable {
        public var user: String
        public var password: String
        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// What the edge does next.
    public enum Step: Sendable, Equatable {
        /// Write this line (CRLF is added by the edge) and wait for the reply.
        case send(String)
        /// Write the message (already dot-stuffed, ending with `.` on a line of its own) and wait for the reply.
        case sendData(String)
        /// Put TLS on the connection, then call ``tlsStarted()``.
        case startTLS
        /// The mail was accepted; QUIT was sent: close once it is answered (or at once).
        case delivered
        /// Not delivered: send QUIT if the connection still stands, and close.
        case failed(SMTPFailure)
    }

    private enum State: Sendable, Equatable {
        case greeting, ehlo, startTLS, ehloAfterTLS, authPlain, authLoginUser, authLoginPasswordPrompt, authLoginPassword, mailFrom, rcptTo, data, message, quit, done, failed
    }

    private var state = State.greeting
    private var secured: Bool
    let security: Security
    let credentials: Credentials?
    let heloName: String
    let from: String
    let to: String
    let message: String

    /// `message` is the rendered mail (CRLF line breaks); `heloName` the name this client gives in EHLO.
    public init(security: Security, credentials: Credentials?, heloName: String, from: String, to: String, message: String) {
        self.security = security
        self.secured = security == .implicitTLS
        self.credentials = credentials
        self.heloName = heloName
        self.from = from
        self.to = to
        self.message = message
    }

    /// The next step after `reply`.
    public mutating func receive(_ reply: SMTPReply) -> Step {
        switch state {
        case .greeting:
            guard reply.code == 220 else { return fail(reply, "greeting") }
            state = .ehlo
            return .send("EHLO \(heloName)")
        case .ehlo, .ehloAfterTLS:
            guard reply.code == 250 else { return fail(reply, "EHLO") }
            let extensions = reply.lines.dropFirst().map { $0.uppercased() }
            if security == .startTLS, !secured {
                guard extensions.contains(where: { $0 == "STARTTLS" || $0.hasPrefix("STARTTLS ") }) else {
                    return finish(SMTPFailure(permanent: true, reason: "the server does not offer STARTTLS"))
                }
                state = .startTLS
                return .send("STARTTLS")
            }
            if let credentials {
                guard secured else {
                    return finish(SMTPFailure(permanent: true, reason: "credentials are only sent over TLS"))
                }
                let mechanisms = extensions.first(where: { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") })?
                    .dropFirst(5).split(separator: " ").map(String.init) ?? []
                if mechanisms.contains("PLAIN") {
                    state = .authPlain
                    return .send("AUTH PLAIN " + MailEncoding.base64(Array("\0\(credentials.user)\0\(credentials.password)".utf8)))
                }
                if mechanisms.contains("LOGIN") {
                    state = .authLoginUser
                    return .send("AUTH LOGIN")
                }
                return finish(SMTPFailure(permanent: true, reason: "the server offers neither AUTH PLAIN nor AUTH LOGIN"))
            }
            return mailFrom()
        case .startTLS:
            guard reply.code == 220 else { return fail(reply, "STARTTLS") }
            return .startTLS
        case .authPlain, .authLoginPassword:
            guard reply.code == 235 else { return fail(reply, "AUTH") }
            return mailFrom()
        case .authLoginUser:
            guard reply.code == 334 else { return fail(reply, "AUTH LOGIN") }
            state = .authLoginPasswordPrompt
            return .send(MailEncoding.base64(Array((credentials?.user ?? "").utf8)))
        case .authLoginPasswordPrompt:
            guard reply.code == 334 else { return fail(reply, "AUTH LOGIN") }
            state = .authLoginPassword
            return .send(MailEncoding.base64(Array((credentials?.password ?? "").utf8)))
        case .mailFrom:
            guard reply.code == 250 else { return fail(reply, "MAIL FROM") }
            state = .rcptTo
            return .send("RCPT TO:<\(to)>")
        case .rcptTo:
            guard reply.code == 250 || reply.code == 251 else { return fail(reply, "RCPT TO") }
            state = .data
            return .send("DATA")
        case .data:
            guard reply.code == 354 else { return fail(reply, "DATA") }
            state = .message
            return .sendData(Self.dotStuffed(message))
        case .message:
            guard reply.code == 250 else { return fail(reply, "the message") }
            state = .quit
            return .send("QUIT")
        case .quit:
            state = .done
            return .delivered
        case .done:
            return .delivered
        case .failed:
            return .failed(SMTPFailure(permanent: false, reason: "the conversation had already failed"))
        }
    }

    /// After the edge has put TLS on the connection: EHLO again, as RFC 3207 asks.
    public mutating func tlsStarted() -> Step {
        secured = true
        state = .ehloAfterTLS
        return .send("EHLO \(heloName)")
    }

    /// True once the server accepted the message (QUIT's answer does not matter).
    public var accepted: Bool { state == .quit || state == .done }

    private mutating func mailFrom() -> Step {
        state = .mailFrom
        return .send("MAIL FROM:<\(from)>")
    }

    private mutating func fail(_ reply: SMTPReply, _ step: String) -> Step {
        // 5xx is permanent; 4xx and anything unexpected (a 2xx where 354 was due) may pass on another try.
        finish(SMTPFailure(permanent: reply.code >= 500 && reply.code < 600, reason: "\(step): \(reply)"))
    }

    private mutating func finish(_ failure: SMTPFailure) -> Step {
        state = .failed
        return .failed(failure)
    }

    /// The message as DATA carries it: CRLF line breaks, a `.` doubled at the start of a line, and the final `.` line.
    public static func dotStuffed(_ message: String) -> String {
        var lines = MailEncoding.normalizedLines(message).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }
}
