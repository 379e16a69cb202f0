/// Length limits of PROTOCOL.md, in characters.
public enum TextLimits {
    public static let chat = 2_000
    public static let question = 500
    public static let postBody = 20_000
    public static let name = 120
    public static let announcement = 2_000
    public static let password = (min: 8, max: 200)
    public static let email = 254
}

/// Validation of what people type: each failure names the field.
public enum Validate {
    /// Trims `value` and checks it is non-empty, at most `max` characters, and free of control characters
    /// (tabs and new lines are text; a NUL or an escape code is not, and would be cut or misread downstream).
    public static func text(_ value: String?, field: String, max: Int, required: Bool = true) throws(DomainError) -> String {
        try controls(value ?? "", field: field)
        let trimmed = (value ?? "").trimmingWhitespace()
        if trimmed.isEmpty {
            if required { throw .invalid(field, "\(field) is required") }
            return ""
        }
        guard trimmed.count <= max else { throw .invalid(field, "\(field) is longer than \(max) characters") }
        return trimmed
    }

    /// A plausible email address, lower-cased: one `@`, a dot in the domain, no spaces.
    public static func email(_ value: String?) throws(DomainError) -> String {
        let email = try text(value, field: "email", max: TextLimits.email).lowercased()
        guard !email.contains(where: { $0.isWhitespace }) else { throw .invalid("email", "email is not a valid address") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0 == " " || $0 == "<" || $0 == ">" })
        else { throw .invalid("email", "email is not a valid address") }
        return email
    }

    /// Refuses C0 control characters other than tab, line feed and carriage return, and DEL.
    public static func controls(_ value: String, field: String) throws(DomainError) {
        let bad = value.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0x7F }
        if bad { throw .invalid(field, "\(field) contains a control character") }
    }

    public static func password(_ value: String?) throws(DomainError) -> String {
        let password = value ?? ""
        try controls(password, field: "password")
        guard password.count >= TextLimits.password.min else {
            throw .invalid("password", "password needs at least \(TextLimits.password.min) characters")
        }
        guard password.count <= TextLimits.password.max else {
            throw .invalid("password", "password is longer than \(TextLimits.password.max) characters")
        }
        return password
    }
}

extension String {
    /// The string without leading and trailing white space and new lines (no Foundation in Core).
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
