/// Where a PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (also `postgresql://`), the
/// form of `databaseURL` / `SEMINAR_DATABASE_URL`. User and password may be percent-encoded (`%40` for `@`).
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String

    public init(user: String, password: String?, host: String, port: Int = 5432, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// Parses `text`; the error says what is wrong in words an operator understands.
    public init(_ text: String) throws(SettingsError) {
        func bad(_ why: String) -> SettingsError {
            SettingsError(key: "databaseURL", message: "\(why): expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else { throw bad("not a postgres:// address") }
        let rest = text.dropFirst(scheme.count)
        guard let at = rest.lastIndex(of: "@") else { throw bad("no user (USER@HOST)") }
        let credentials = rest[..<at]
        let location = rest[rest.index(after: at)...]
        let userPart: Substring
        var password: String?
        if let colon = credentials.firstIndex(of: ":") {
            userPart = credentials[..<colon]
            guard let decoded = Self.percentDecoded(credentials[credentials.index(after: colon)...]) else { throw bad("a bad %-escape in the password") }
            password = decoded
        } else {
            userPart = credentials
        }
        guard let user = Self.percentDecoded(userPart), !user.isEmpty else { throw bad("no user name") }
        guard let slash = location.firstIndex(of: "/") else { throw bad("no database name (/DATABASE)") }
        let hostPort = location[..<slash]
        let database = String(location[location.index(after: slash)...].prefix { $0 != "?" })
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database name (/DATABASE)") }
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            host = String(hostPort[..<colon])
            guard let number = Int(hostPort[hostPort.index(after: colon)...]), (1...65_535).contains(number) else {
                throw bad("the port is not a number from 1 to 65535")
            }
            port = number
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw bad("no host") }
        self.init(user: user, password: password, host: host, port: port, database: database)
    }

    /// The address without its password (for logs and messages).
    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":•••")@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
