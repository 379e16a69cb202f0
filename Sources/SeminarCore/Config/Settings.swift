/// The server's whole configuration, typed and validated.
public struct Settings: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./data"
    public var webDirectory = "./Web"
    /// Serve the web client minified (comments and indentation removed at start-up); off serves the files as written.
    public var minifyWebClient = true
    public var demoDirectory = "./Config/demo"
    /// Load the demo seminar into a fresh database.
    public var demo = true
    /// Origins allowed besides the server's own host (e.g. `https://seminar.example.org`).
    public var allowedOrigins: [String] = []
    public var openRegistration = true
    /// Largest WebSocket frame accepted, in bytes (close 1009 above it).
    public var frameLimit = 65_536
    /// Frames that may wait for one connection before it is closed with 1013.
    public var outboxSize = 1_024
    /// Creating messages (chat, DMs, questions, announcements) per second and burst, per connection and per user.
    public var messageRate = 5.0
    public var messageBurst = 10
    /// Applause (`reaction.send`) per second per connection; the burst is the same number.
    public var reactionRate = 10.0
    /// Topics one socket may follow at once (`subscribe`, `room.enter`): a bound on what one client makes the hub hold.
    public var subscriptionsPerSocket = 64
    /// The other rate classes (see `RateClass` and docs/operations.md): per second and burst.
    /// Gets, lists, searches and histories, per connection.
    public var readRate = 20.0
    public var readBurst = 100
    /// `subscribe`, `unsubscribe`, `room.enter`, `room.leave`, per connection.
    public var subscribeRate = 10.0
    public var subscribeBurst = 50
    /// Changes that neither create nor toggle (moderation, profiles, meetings, tickets, the console), per connection and per user.
    public var updateRate = 5.0
    public var updateBurst = 20
    /// Toggles (hands, the lounge, bookmarks, votes, reactions on posts, blocks), per connection and per user.
    public var toggleRate = 3.0
    public var toggleBurst = 10
    /// WebRTC signalling, per connection.
    public var signalRate = 50.0
    public var signalBurst = 200
    /// Login attempts per minute, per address and per account.
    public var loginPerMinute = 10
    public var sessionLifetimeHours = 24 * 14
    /// How often open sockets are checked against their sessions (expired or removed ones are closed with 4001).
    public var sessionCheckSeconds = 60
    /// permessage-deflate on the WebSocket for clients that offer it (see docs/benchmarks.md for its measured cost).
    public var webSocketCompression = false
    public var eventRetentionDays = 30
    public var bcryptCost = 12
    public var pingIntervalSeconds = 20
    /// On SIGTERM, how long `/healthz` answers 503 ("draining") while the node still serves, before its sockets
    /// close (1001) and it stops: a load balancer's health checks take it out of rotation first (docs/deployment.md).
    public var drainSeconds = 0
    public var logLevel = "info"
    /// Hosts whose player pages a room may embed in an `<iframe>` (streams that are not HLS/MP4/WebM files).
    public var embedHosts = ["www.youtube-nocookie.com", "player.vimeo.com"]
    /// Hosts whose HLS/MP4/WebM streams a room may play in a `<video>`.
    public var mediaHosts: [String] = []
    /// A meeting request not answered within this many hours expires.
    public var meetingRequestHours = 48
    /// ICE servers for the 1:1 video tables (`stun:` / `turn:` URLs); none by default (host candidates suffice on a LAN).
    public var iceServers: [String] = []
    /// The TURN relay of the video calls (`turn:`/`turns:` addresses of one coturn, or of several sharing a secret):
    /// each person gets time-limited credentials for it (`media.config`). None: no relay, direct paths only.
    public var turnURLs: [String] = []
    /// The relay's `static-auth-secret` (coturn's `use-auth-secret`): required with `turnURLs`; never logged.
    public var turnSecret: Secret?
    /// How long a person's relay credentials last: longer than a meeting, since the relay checks them again when
    /// the call refreshes its allocation.
    public var turnCredentialHours = 12
    /// `all` (direct paths first, the relay when they fail) or `relay` (every call through the relay).
    public var iceTransportPolicy = IceTransportPolicy.all
    /// The Janus gateway of the stage (its WebSocket transport, `ws://127.0.0.1:8188`, on a private address): none,
    /// no stage (rooms play their stream address).
    public var janusURL: String?
    /// Janus's `api_secret`: required with `janusURL`; never logged.
    public var janusApiSecret: Secret?
    /// The VideoRoom plugin's `admin_key` (rooms are made with it): required with `janusURL`; never logged.
    public var janusAdminKey: Secret?
    /// How many people may be live on a room's stage at once (hosts included).
    public var stageMaxSpeakers = 6
    /// The welcome desk's opening hours in the seminar's time zone.
    public var deskHours = "08:00-20:00"
    /// A claimed ticket whose agent has had no socket open this long goes back to the queue.
    public var deskRequeueSeconds = 30
    /// Largest upload to the knowledge hub, in MiB (413 above it).
    public var uploadLimitMiB = 25
    /// Roles that may post any kind of post to the hub (organisers always may).
    public var hubPostRoles: Set<Role> = [.organiser, .host]
    /// Roles that may post Live Learning Experiences.
    public var hubLearningRoles: Set<Role> = Set(Role.allCases)
    /// Open WebSockets allowed from one address (429 above): enough for a city hall behind one NAT; raise it for
    /// load tests from one machine.
    public var connectionsPerAddress = 200
    /// Peer addresses that may read `/metrics`.
    public var metricsAllowed = ["127.0.0.1", "::1"]
    /// How long a participants import's one-time sign-in links work.
    public var signInLinkHours = 24 * 7
    /// Seconds a client has to send a request's whole head, from accepting the connection or from the first byte of a
    /// following request; after a 400/413 the server also reads (and drops) what the client is still sending this long.
    public var requestHeadSeconds = 10
    /// Seconds an HTTP connection may wait between requests (keep-alive), or between two reads of a request's body.
    public var keepAliveSeconds = 30
    /// Open HTTP connections (not upgraded to a WebSocket) from one address; the next is closed at once. When not set
    /// it follows `connectionsPerAddress`, since every socket starts as an HTTP connection.
    public var httpConnectionsPerAddress = 200
    /// The address people use, e.g. `https://seminar.example.org`: with `https://` the session cookie is `Secure`,
    /// and sign-in links start with it.
    public var publicURL: String?
    /// Proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed (addresses or CIDR blocks).
    public var trustedProxies: [AddressRange] = []
    /// The cluster's PostgreSQL database (`postgres://USER[:PASS]@HOST:PORT/DB`): with it the node keeps its whole
    /// state there, beside the other nodes; without it, the embedded SQLite database under `data`.
    public var databaseURL: DatabaseURL?
    /// Where mail goes (`smtp://host:25`, `smtp://user:pass@host:587` with STARTTLS, `smtps://user:pass@host:465`);
    /// none: mails are written as `.eml` files under the data folder's `outbox/`.
    public var smtpURL: String?
    /// The sender's address; the sender's name is the seminar's.
    public var mailFrom = "seminar@localhost"
    /// Check the relay's TLS certificate (false only for tests and local relays with a self-signed one).
    public var smtpVerifyTLS = true
    /// A PEM file of certificates to trust for the relay, instead of the system's.
    public var smtpCaFile: String?
    /// Mails sent per minute at most.
    public var mailPerMinute = 60
    /// The first wait after a failed delivery; it doubles with each failure (up to 6 hours).
    public var mailRetrySeconds = 60
    /// Deliveries tried before a mail is marked failed (a 5xx reply fails it at once).
    public var mailMaxAttempts = 10
    /// The time-out of each step of an SMTP conversation (connect, TLS, every reply).
    public var smtpTimeoutSeconds = 30
    /// How long a password-reset link works.
    public var passwordResetMinutes = 60
    /// Reset mails per hour, per address asked for.
    public var passwordResetPerHour = 5
    /// The hour (0–23, the seminar's time zone) from which the morning digest goes out; nil: no digest.
    public var mailDigestHour: Int? = 7

    public init() {}
}

/// A configuration value as a provider holds it.
public enum RawSetting: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case strings([String])
}

/// The type a key expects, so a provider can convert its value the right way.
public enum SettingKind: Sendable {
    case string, int, double, bool, strings
}

/// A configuration value that cannot be used; the message names the key.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let key: String
    public let message: String
    public var description: String { "configuration key '\(key)': \(message)" }

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
}

extension Settings {
    /// Every key, as it is spelled in `Config/seminar.json` (and, upper-snake-cased after `SEMINAR_`, in the environment).
    public static let keys = [
        "host", "port", "data", "web", "demoDirectory", "demo", "allowedOrigins", "openRegistration", "frameLimit",
        "outboxSize", "messageRate", "messageBurst", "reactionRate", "readRate", "readBurst", "subscribeRate", "subscribeBurst",
        "updateRate", "updateBurst", "toggleRate", "toggleBurst", "signalRate", "signalBurst", "loginPerMinute", "sessionLifetimeHours",
        "eventRetentionDays", "bcryptCost", "pingIntervalSeconds", "drainSeconds", "logLevel", "embedHosts", "meetingRequestHours", "iceServers",
        "deskHours", "deskRequeueSeconds", "uploadLimitMiB", "hubPostRoles", "hubLearningRoles", "metricsAllowed", "signInLinkHours", "mediaHosts", "connectionsPerAddress",
        "sessionCheckSeconds", "webSocketCompression", "minifyWebClient", "subscriptionsPerSocket", "requestHeadSeconds", "keepAliveSeconds",
        "httpConnectionsPerAddress", "publicURL", "trustedProxies", "turnURLs", "turnSecret", "turnCredentialHours", "iceTransportPolicy",
        "janusURL", "janusApiSecret", "janusAdminKey", "stageMaxSpeakers",
        "smtpURL", "mailFrom", "smtpVerifyTLS", "smtpCaFile", "mailPerMinute", "mailRetrySeconds", "mailMaxAttempts",
        "smtpTimeoutSeconds", "passwordResetMinutes", "passwordResetPerHour", "mailDigestHour", "databaseURL",
    ]

    /// True when the seminar is served over HTTPS at its public address.
    public var publicURLIsHTTPS: Bool { publicURL?.lowercased().hasPrefix("https://") == true }

    /// The browser origin of `publicURL` (scheme, host and port, no path), e.g. `https://seminar.example.org`.
    public var publicOrigin: String? {
        guard let url = publicURL?.lowercased() else { return nil }
        let scheme = url.hasPrefix("https://") ? "https://" : "http://"
        return scheme + String(url.dropFirst(scheme.count).prefix { $0 != "/" })
    }

    /// Builds settings from a lookup (CLI > environment > file, already merged by the caller) over the defaults.
    public static func parse(_ lookup: @escaping (String, SettingKind) -> RawSetting?) throws(SettingsError) -> Settings {
        var s = Settings()
        let reader = Reader(lookup: lookup)
        s.host = try reader.string("host") ?? s.host
        s.port = try reader.int("port", in: 0...65_535) ?? s.port
        s.dataDirectory = try reader.string("data") ?? s.dataDirectory
        if let url = try reader.string("databaseURL")?.trimmingWhitespace(), !url.isEmpty { s.databaseURL = try DatabaseURL(url) }
        s.webDirectory = try reader.string("web") ?? s.webDirectory
        s.minifyWebClient = try reader.bool("minifyWebClient") ?? s.minifyWebClient
        s.demoDirectory = try reader.string("demoDirectory") ?? s.demoDirectory
        s.demo = try reader.bool("demo") ?? s.demo
        s.allowedOrigins = try reader.strings("allowedOrigins") ?? s.allowedOrigins
        for origin in s.allowedOrigins where !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
            throw SettingsError(key: "allowedOrigins", message: "'\(origin)' is not an http(s) origin")
        }
        s.openRegistration = try reader.bool("openRegistration") ?? s.openRegistration
        s.frameLimit = try reader.int("frameLimit", in: 1_024...16_777_216) ?? s.frameLimit
        s.outboxSize = try reader.int("outboxSize", in: 8...1_000_000) ?? s.outboxSize
        s.messageRate = try reader.double("messageRate", in: 0.01...100_000) ?? s.messageRate
        s.messageBurst = try reader.int("messageBurst", in: 1...1_000_000) ?? s.messageBurst
        s.reactionRate = try reader.double("reactionRate", in: 0.01...100_000) ?? s.reactionRate
        s.subscriptionsPerSocket = try reader.int("subscriptionsPerSocket", in: 8...10_000) ?? s.subscriptionsPerSocket
        s.readRate = try reader.double("readRate", in: 0.01...1_000_000) ?? s.readRate
        s.readBurst = try reader.int("readBurst", in: 1...1_000_000) ?? s.readBurst
        s.subscribeRate = try reader.double("subscribeRate", in: 0.01...1_000_000) ?? s.subscribeRate
        s.subscribeBurst = try reader.int("subscribeBurst", in: 1...1_000_000) ?? s.subscribeBurst
        s.updateRate = try reader.double("updateRate", in: 0.01...1_000_000) ?? s.updateRate
        s.updateBurst = try reader.int("updateBurst", in: 1...1_000_000) ?? s.updateBurst
        s.toggleRate = try reader.double("toggleRate", in: 0.01...1_000_000) ?? s.toggleRate
        s.toggleBurst = try reader.int("toggleBurst", in: 1...1_000_000) ?? s.toggleBurst
        s.signalRate = try reader.double("signalRate", in: 0.01...1_000_000) ?? s.signalRate
        s.signalBurst = try reader.int("signalBurst", in: 1...1_000_000) ?? s.signalBurst
        s.loginPerMinute = try reader.int("loginPerMinute", in: 1...1_000_000) ?? s.loginPerMinute
        s.sessionLifetimeHours = try reader.int("sessionLifetimeHours", in: 1...(24 * 366)) ?? s.sessionLifetimeHours
        s.webSocketCompression = try reader.bool("webSocketCompression") ?? s.webSocketCompression
        s.sessionCheckSeconds = try reader.int("sessionCheckSeconds", in: 1...86_400) ?? s.sessionCheckSeconds
        s.eventRetentionDays = try reader.int("eventRetentionDays", in: 1...3_650) ?? s.eventRetentionDays
        s.bcryptCost = try reader.int("bcryptCost", in: 4...31) ?? s.bcryptCost
        s.pingIntervalSeconds = try reader.int("pingIntervalSeconds", in: 1...3_600) ?? s.pingIntervalSeconds
        s.drainSeconds = try reader.int("drainSeconds", in: 0...300) ?? s.drainSeconds
        s.logLevel = try reader.string("logLevel") ?? s.logLevel
        s.embedHosts = try reader.strings("embedHosts")?.map { $0.lowercased() } ?? s.embedHosts
        s.mediaHosts = try reader.strings("mediaHosts")?.map { $0.lowercased() } ?? s.mediaHosts
        for host in s.embedHosts + s.mediaHosts where host.isEmpty || !host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) {
            throw SettingsError(key: s.mediaHosts.contains(host) ? "mediaHosts" : "embedHosts", message: "'\(host)' is not a host name")
        }
        s.meetingRequestHours = try reader.int("meetingRequestHours", in: 1...(24 * 30)) ?? s.meetingRequestHours
        s.iceServers = try reader.strings("iceServers") ?? s.iceServers
        for server in s.iceServers where !(server.hasPrefix("stun:") || server.hasPrefix("turn:") || server.hasPrefix("turns:")) {
            throw SettingsError(key: "iceServers", message: "'\(server)' is not a stun: or turn: address")
        }
        try parseRelay(into: &s, reader)
        try parseStage(into: &s, reader)
        s.deskHours = try reader.string("deskHours") ?? s.deskHours
        if DeskHours(s.deskHours) == nil { throw SettingsError(key: "deskHours", message: "'\(s.deskHours)' is not HH:MM-HH:MM") }
        s.deskRequeueSeconds = try reader.int("deskRequeueSeconds", in: 0...86_400) ?? s.deskRequeueSeconds
        s.uploadLimitMiB = try reader.int("uploadLimitMiB", in: 1...4_096) ?? s.uploadLimitMiB
        s.hubPostRoles = try reader.roles("hubPostRoles") ?? s.hubPostRoles
        s.hubLearningRoles = try reader.roles("hubLearningRoles") ?? s.hubLearningRoles
        s.metricsAllowed = try reader.strings("metricsAllowed") ?? s.metricsAllowed
        s.connectionsPerAddress = try reader.int("connectionsPerAddress", in: 1...1_000_000) ?? s.connectionsPerAddress
        s.signInLinkHours = try reader.int("signInLinkHours", in: 1...(24 * 90)) ?? s.signInLinkHours
        s.requestHeadSeconds = try reader.int("requestHeadSeconds", in: 1...600) ?? s.requestHeadSeconds
        s.keepAliveSeconds = try reader.int("keepAliveSeconds", in: 1...3_600) ?? s.keepAliveSeconds
        s.httpConnectionsPerAddress = try reader.int("httpConnectionsPerAddress", in: 1...1_000_000) ?? s.connectionsPerAddress
        if let url = try reader.string("publicURL")?.trimmingWhitespace(), !url.isEmpty {
            let lower = url.lowercased()
            let rest: Substring? = lower.hasPrefix("https://") ? lower.dropFirst(8) : lower.hasPrefix("http://") ? lower.dropFirst(7) : nil
            guard let rest, let host = rest.split(separator: "/").first, !host.isEmpty, !rest.hasPrefix("/") else {
                throw SettingsError(key: "publicURL", message: "'\(url)' is not an http(s) address such as https://seminar.example.org")
            }
            s.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        s.trustedProxies = try reader.strings("trustedProxies")?.map { text throws(SettingsError) in
            guard let range = AddressRange(text) else {
                throw SettingsError(key: "trustedProxies", message: "'\(text)' is not an address or a CIDR block such as 10.0.0.0/8")
            }
            return range
        } ?? s.trustedProxies
        try parseMail(&s, reader)
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(s.logLevel) else {
            throw SettingsError(key: "logLevel", message: "'\(s.logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        if s.host.isEmpty { throw SettingsError(key: "host", message: "must not be empty") }
        if s.dataDirectory.isEmpty { throw SettingsError(key: "data", message: "must not be empty") }
        return s
    }

    /// The stage's keys: Janus's address with both of its secrets, or none of them. Errors never quote a secret.
    private static func parseStage(into s: inout Settings, _ reader: Reader) throws(SettingsError) {
        if let url = try reader.string("janusURL")?.trimmingWhitespace(), !url.isEmpty {
            guard url.hasPrefix("ws://") || url.hasPrefix("wss://") else {
                throw SettingsError(key: "janusURL", message: "'\(url)' is not Janus's WebSocket address such as ws://127.0.0.1:8188")
            }
            s.janusURL = url
        }
        if let secret = try reader.string("janusApiSecret"), !secret.isEmpty { s.janusApiSecret = Secret(secret) }
        if let key = try reader.string("janusAdminKey"), !key.isEmpty { s.janusAdminKey = Secret(key) }
        if s.janusURL != nil {
            if s.janusApiSecret == nil { throw SettingsError(key: "janusApiSecret", message: "is required with janusURL (Janus's api_secret)") }
            if s.janusAdminKey == nil { throw SettingsError(key: "janusAdminKey", message: "is required with janusURL (the VideoRoom admin_key)") }
        } else if s.janusApiSecret != nil || s.janusAdminKey != nil {
            throw SettingsError(key: "janusURL", message: "is required with janusApiSecret and janusAdminKey")
        }
        s.stageMaxSpeakers = try reader.int("stageMaxSpeakers", in: 1...64) ?? s.stageMaxSpeakers
    }

    /// The TURN relay's keys: addresses, secret (one without the other is a mistake), lifetime and policy. Errors
    /// never quote the secret.
    private static func parseRelay(into s: inout Settings, _ reader: Reader) throws(SettingsError) {
        s.turnURLs = try reader.strings("turnURLs") ?? s.turnURLs
        for url in s.turnURLs where !(url.hasPrefix("turn:") || url.hasPrefix("turns:")) {
            throw SettingsError(key: "turnURLs", message: "'\(url)' is not a turn: or turns: address")
        }
        if let secret = try reader.string("turnSecret"), !secret.isEmpty { s.turnSecret = Secret(secret) }
        if !s.turnURLs.isEmpty, s.turnSecret == nil {
            throw SettingsError(key: "turnSecret", message: "is required with turnURLs (the relay's static-auth-secret)")
        }
        if s.turnURLs.isEmpty, s.turnSecret != nil {
            throw SettingsError(key: "turnURLs", message: "is required with turnSecret (the relay's turn: addresses)")
        }
        s.turnCredentialHours = try reader.int("turnCredentialHours", in: 1...(24 * 7)) ?? s.turnCredentialHours
        if let policy = try reader.string("iceTransportPolicy") {
            guard let parsed = IceTransportPolicy(rawValue: policy) else {
                throw SettingsError(key: "iceTransportPolicy", message: "'\(policy)' is not all or relay")
            }
            s.iceTransportPolicy = parsed
        }
        if s.iceTransportPolicy == .relay, s.turnURLs.isEmpty {
            throw SettingsError(key: "iceTransportPolicy", message: "relay needs a relay: set turnURLs and turnSecret")
        }
    }

    private static func parseMail(_ s: inout Settings, _ reader: Reader) throws(SettingsError) {
        if let url = try reader.string("smtpURL")?.trimmingWhitespace(), !url.isEmpty {
            // The message never quotes the address: it may hold a password.
            guard SMTPEndpoint.parse(url) != nil else {
                throw SettingsError(key: "smtpURL", message: "not an address such as smtp://relay:25, smtp://user:password@host:587 or smtps://user:password@host:465")
            }
            s.smtpURL = url
        }
        s.mailFrom = try reader.string("mailFrom")?.trimmingWhitespace() ?? s.mailFrom
        do { _ = try Validate.email(s.mailFrom) } catch {
            // Validate.email wants a dot in the domain; a bare host (localhost) is fine for a sender.
            let parts = s.mailFrom.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                  !s.mailFrom.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
                throw SettingsError(key: "mailFrom", message: "'\(s.mailFrom)' is not an email address")
            }
        }
        s.smtpVerifyTLS = try reader.bool("smtpVerifyTLS") ?? s.smtpVerifyTLS
        if let file = try reader.string("smtpCaFile")?.trimmingWhitespace(), !file.isEmpty { s.smtpCaFile = file }
        s.mailPerMinute = try reader.int("mailPerMinute", in: 1...100_000) ?? s.mailPerMinute
        s.mailRetrySeconds = try reader.int("mailRetrySeconds", in: 1...86_400) ?? s.mailRetrySeconds
        s.mailMaxAttempts = try reader.int("mailMaxAttempts", in: 1...100) ?? s.mailMaxAttempts
        s.smtpTimeoutSeconds = try reader.int("smtpTimeoutSeconds", in: 1...600) ?? s.smtpTimeoutSeconds
        s.passwordResetMinutes = try reader.int("passwordResetMinutes", in: 5...(24 * 60)) ?? s.passwordResetMinutes
        s.passwordResetPerHour = try reader.int("passwordResetPerHour", in: 1...1_000_000) ?? s.passwordResetPerHour
        if let hour = try reader.int("mailDigestHour", in: -1...23) { s.mailDigestHour = hour < 0 ? nil : hour }
    }

    private struct Reader {
        let lookup: (String, SettingKind) -> RawSetting?

        func string(_ key: String) throws(SettingsError) -> String? {
            switch lookup(key, .string) {
            case nil: return nil
            case .string(let v): return v
            case .int(let v): return String(v)
            case .double(let v): return String(v)
            case .bool, .strings: throw SettingsError(key: key, message: "expected a text value")
            }
        }

        func int(_ key: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int? {
            let value: Int
            switch lookup(key, .int) {
            case nil: return nil
            case .int(let v): value = v
            case .string(let v):
                guard let parsed = Int(v.trimmingWhitespace()) else {
                    throw SettingsError(key: key, message: "'\(v)' is not a whole number")
                }
                value = parsed
            case .double(let v) where v == v.rounded() && abs(v) < 1e15: value = Int(v)
            default: throw SettingsError(key: key, message: "expected a whole number")
            }
            guard range.contains(value) else {
                throw SettingsError(key: key, message: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }

        func double(_ key: String, in range: ClosedRange<Double>) throws(SettingsError) -> Double? {
            let value: Double
            switch lookup(key, .double) {
            case nil: return nil
            case .double(let v): value = v
            case .int(let v): value = Double(v)
            case .string(let v):
                guard let parsed = Double(v.trimmingWhitespace()) else {
                    throw SettingsError(key: key, message: "'\(v)' is not a number")
                }
                value = parsed
            default: throw SettingsError(key: key, message: "expected a number")
            }
            guard range.contains(value) else {
                throw SettingsError(key: key, message: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }

        func bool(_ key: String) throws(SettingsError) -> Bool? {
            switch lookup(key, .bool) {
            case nil: return nil
            case .bool(let v): return v
            case .string(let v):
                switch v.lowercased() {
                case "true", "1", "yes", "on": return true
                case "false", "0", "no", "off": return false
                default: throw SettingsError(key: key, message: "'\(v)' is not true or false")
                }
            default: throw SettingsError(key: key, message: "expected true or false")
            }
        }

        func roles(_ key: String) throws(SettingsError) -> Set<Role>? {
            guard let names = try strings(key) else { return nil }
            var roles = Set<Role>()
            for name in names {
                guard let role = Role(rawValue: name) else {
                    throw SettingsError(key: key, message: "'\(name)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                roles.insert(role)
            }
            return roles
        }

        func strings(_ key: String) throws(SettingsError) -> [String]? {
            switch lookup(key, .strings) {
            case nil: return nil
            case .strings(let v): return v
            case .string(let v):
                return v.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            default: throw SettingsError(key: key, message: "expected a list of text values")
            }
        }
    }
}
