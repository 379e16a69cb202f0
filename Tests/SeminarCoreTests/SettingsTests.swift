import SeminarCore
import Testing

@Suite("configuration parsing")
struct SettingsTests {
    func parse(_ values: [String: RawSetting]) throws(SettingsError) -> Settings {
        try Settings.parse { key, _ in values[key] }
    }

    @Test("defaults when nothing is set")
    func defaults() throws {
        let settings = try parse([:])
        #expect(settings == Settings())
        #expect(settings.port == 8080 && settings.frameLimit == 65_536 && settings.outboxSize == 1_024 && settings.openRegistration)
    }

    @Test("values as text (environment) and as typed values (JSON) both work")
    func typedAndText() throws {
        let settings = try parse([
            "port": .string("9090"), "openRegistration": .string("false"), "messageRate": .int(3),
            "allowedOrigins": .string("https://a.org, https://b.org"), "frameLimit": .int(4096), "host": .string("0.0.0.0"),
            "minifyWebClient": .string("off"),
        ])
        #expect(Settings().minifyWebClient && !settings.minifyWebClient)
        #expect(settings.port == 9090 && !settings.openRegistration && settings.messageRate == 3)
        #expect(settings.allowedOrigins == ["https://a.org", "https://b.org"])
        #expect(settings.frameLimit == 4096 && settings.host == "0.0.0.0")
    }

    @Test("a bad value names its key", arguments: [
        ("port", RawSetting.string("eighty")), ("port", .int(70_000)), ("openRegistration", .string("maybe")),
        ("frameLimit", .int(10)), ("outboxSize", .bool(true)), ("allowedOrigins", .string("ftp://x")),
        ("logLevel", .string("loud")), ("host", .string("")), ("messageRate", .string("fast")),
        ("requestHeadSeconds", .int(0)), ("keepAliveSeconds", .string("soon")), ("httpConnectionsPerAddress", .int(0)),
        ("publicURL", .string("seminar.example.org")), ("publicURL", .string("https://")), ("publicURL", .string("ftp://x.org")),
        ("trustedProxies", .string("10.0.0.0/8, proxy.example.org")), ("trustedProxies", .string("10.0.0.0/40")),
        ("drainSeconds", .int(-1)), ("drainSeconds", .int(301)),
    ])
    func badValue(key: String, value: RawSetting) {
        do {
            _ = try parse([key: value])
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect(error.key == key)
            #expect(error.description.contains(key))
        }
    }

    @Test("HTTP time-outs, the connection cap (following connectionsPerAddress unless set), the public address, proxies")
    func httpKeys() throws {
        let defaults = try parse([:])
        #expect(defaults.requestHeadSeconds == 10 && defaults.keepAliveSeconds == 30 && defaults.httpConnectionsPerAddress == 200)
        #expect(defaults.publicURL == nil && !defaults.publicURLIsHTTPS && defaults.trustedProxies.isEmpty)
        #expect(try parse(["connectionsPerAddress": .int(20_000)]).httpConnectionsPerAddress == 20_000)
        let set = try parse([
            "connectionsPerAddress": .int(20_000), "httpConnectionsPerAddress": .string("50"), "requestHeadSeconds": .int(5),
            "keepAliveSeconds": .string("60"), "publicURL": .string("HTTPS://Seminar.example.org/"),
            "trustedProxies": .string("127.0.0.1, 10.0.0.0/8, ::1"),
        ])
        #expect(set.httpConnectionsPerAddress == 50 && set.requestHeadSeconds == 5 && set.keepAliveSeconds == 60)
        #expect(set.publicURL == "HTTPS://Seminar.example.org" && set.publicURLIsHTTPS)
        #expect(set.trustedProxies.map(\.description) == ["127.0.0.1", "10.0.0.0/8", "::1"])
        #expect(try !parse(["publicURL": .string("http://seminar.example.org")]).publicURLIsHTTPS)
        #expect(set.publicOrigin == "https://seminar.example.org" && defaults.publicOrigin == nil)
        #expect(try parse(["publicURL": .string("http://127.0.0.1:8443/seminar/")]).publicOrigin == "http://127.0.0.1:8443")
        #expect(try defaults.drainSeconds == 0 && parse(["drainSeconds": .string("8")]).drainSeconds == 8)
        #expect(try parse(["trustedProxies": .strings(["192.168.0.0/16"])]).trustedProxies == [AddressRange("192.168.0.0/16")!])
    }

    @Test("the ICE addresses become RTCIceServer objects, one each, in order; none gives none")
    func iceServers() throws {
        let settings = try parse(["iceServers": .string("stun:stun.example.org:3478,turn:turn.example.org")])
        #expect(IceServer.servers(settings.iceServers) == [IceServer(urls: ["stun:stun.example.org:3478"]), IceServer(urls: ["turn:turn.example.org"])])
        #expect(IceServer.servers([]) == [])
    }
}
