import HTTPTypes

/// The browser's session cookie.
enum SessionCookie {
    static let name = "seminar_session"

    /// `secure`: the seminar is served over HTTPS (``Services/cookieIsSecure(_:peer:)``), so the browser must never send
    /// the cookie over plain HTTP.
    static func set(_ token: String, maxAgeSeconds: Int, secure: Bool) -> String {
        "\(name)=\(token); Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : ""); Max-Age=\(maxAgeSeconds)"
    }

    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : ""); Max-Age=0"
    }

    /// The token in a `Cookie` header, if any.
    static func token(in fields: HTTPFields) -> String? {
        for header in fields[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
            }
        }
        return nil
    }

    /// The token of a request: the cookie, or `Authorization: Bearer <token>`.
    static func token(of fields: HTTPFields) -> String? {
        if let auth = fields[.authorization], auth.lowercased().hasPrefix("bearer ") {
            let token = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return token }
        }
        return token(in: fields)
    }
}
