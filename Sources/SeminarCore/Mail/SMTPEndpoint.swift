/// Where mail goes, read from `smtpURL`: `smtp://host:25` (plain, a local relay), `smtp://user:pass@host:587`
/// (STARTTLS, required because there are credentials) or `smtps://user:pass@host:465` (TLS from the start).
public struct SMTPEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var security: SMTPConversation.Security
    public var credentials: SMTPConversation.Credentials?

    public init(host: String, port: Int, security: SMTPConversation.Security, credentials: SMTPConversation.Credentials?) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
    }

    /// Nil when `url` is not such an address. User and password may be percent-encoded (`%40` for `@`).
    public static func parse(_ url: String) -> SMTPEndpoint? {
        let lower = url.lowercased()
        let implicit: Bool
        let rest: Substring
        if lower.hasPrefix("smtps://") { implicit = true; rest = url.dropFirst(8) }
        else if lower.hasPrefix("smtp://") { implicit = false; rest = url.dropFirst(7) }
        else { return nil }
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var credentials: SMTPConversation.Credentials?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let user = percentDecoded(parts[0]), !user.isEmpty,
                  let password = parts.count > 1 ? percentDecoded(parts[1]) : "" else { return nil }
            credentials = .init(user: user, password: password)
        }
        var host = String(hostPort)
        var port = implicit ? 465 : (credentials == nil ? 25 : 587)
        if host.hasPrefix("[") {  // [::1]:25
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { guard let p = Int(after.dropFirst()) else { return nil }; port = p }
            else if !after.isEmpty { return nil }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]) else { return nil }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty, (1...65_535).contains(port),
              host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }) else { return nil }
        let security: SMTPConversation.Security = implicit ? .implicitTLS : (credentials == nil ? .none : .startTLS)
        return SMTPEndpoint(host: host, port: port, security: security, credentials: credentials)
    }

    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
