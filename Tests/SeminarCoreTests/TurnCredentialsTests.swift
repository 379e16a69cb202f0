import SeminarCore
import Testing

@Suite("TURN relay credentials and media.config")
struct TurnCredentialsTests {
    /// Stands in for the HMAC (made at the edge): marks what it signed, so the test sees it signed the username.
    static func sign(_ username: String) -> String { "signed(\(username))" }

    static func settings(_ values: [String: RawSetting]) throws(SettingsError) -> Settings {
        try Settings.parse { key, _ in values[key] }
    }

    @Test("the username is <expiry in unix seconds>:<user id>, the expiry now + the lifetime in whole seconds")
    func username() {
        // 2026-01-01T00:00:00.750Z: the milliseconds are dropped, the relay compares seconds.
        let now = Timestamp(milliseconds: 1_767_225_600_750)
        let (name, expiresAt) = TurnCredentials.username(for: UserID(42), now: now, lifetimeHours: 12)
        #expect(name == "1767268800:42")
        #expect(expiresAt == Timestamp(seconds: 1_767_225_600 + 12 * 3_600))
    }

    @Test("the password is what the signer makes of the username")
    func issue() {
        let relay = TurnCredentials.issue(for: UserID(7), now: Timestamp(seconds: 1_700_000_000), lifetimeHours: 1, sign: Self.sign)
        #expect(relay == TurnCredentials(username: "1700003600:7", credential: "signed(1700003600:7)", expiresAt: Timestamp(seconds: 1_700_003_600)))
    }

    @Test("media.config: the STUN addresses as {urls} each, then one relay with every turn address and this person's credentials")
    func withRelay() throws {
        let settings = try Self.settings([
            "iceServers": .string("stun:stun.example.org:3478"),
            "turnURLs": .string("turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349?transport=tcp"),
            "turnSecret": .string("s3cret"), "turnCredentialHours": .int(2), "iceTransportPolicy": .string("relay"),
        ])
        let config = MediaConfig.make(settings: settings, user: UserID(9), now: Timestamp(seconds: 1_000), sign: Self.sign)
        #expect(config == MediaConfig(iceServers: [
            IceServer(urls: ["stun:stun.example.org:3478"]),
            IceServer(urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349?transport=tcp"],
                      username: "8200:9", credential: "signed(8200:9)"),
        ], iceTransportPolicy: .relay))
    }

    @Test("nothing configured: no servers, policy all (host candidates, as on a LAN)")
    func nothing() throws {
        let config = MediaConfig.make(settings: try Self.settings([:]), user: UserID(1), now: Timestamp(seconds: 0), sign: Self.sign)
        #expect(config == MediaConfig(iceServers: [], iceTransportPolicy: .all))
        #expect(Settings().turnCredentialHours == 12)
    }

    @Test("a relay setting that does not fit names its key", arguments: [
        (["turnURLs": RawSetting.string("turn:relay.example.org")], "turnSecret"),
        (["turnURLs": .string("turn:relay.example.org"), "turnSecret": .string("")], "turnSecret"),
        (["turnSecret": .string("s3cret")], "turnURLs"),
        (["turnURLs": .string("stun:relay.example.org"), "turnSecret": .string("s3cret")], "turnURLs"),
        (["turnURLs": .string("turn:relay.example.org"), "turnSecret": .string("s3cret"), "turnCredentialHours": .int(0)], "turnCredentialHours"),
        (["iceTransportPolicy": .string("relay")], "iceTransportPolicy"),
        (["turnURLs": .string("turn:relay.example.org"), "turnSecret": .string("s3cret"), "iceTransportPolicy": .string("nohost")], "iceTransportPolicy"),
    ])
    func badRelay(values: [String: RawSetting], key: String) {
        do {
            _ = try Self.settings(values)
            Issue.record("\(values) was accepted")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(!error.description.contains("s3cret"))
        }
    }

    @Test("the secret never shows: not printed, interpolated nor dumped, alone or in the settings")
    func secretHidden() throws {
        let settings = try Self.settings(["turnURLs": .string("turn:relay.example.org"), "turnSecret": .string("s3cret-value")])
        #expect(settings.turnSecret?.reveal == "s3cret-value")
        var dumped = ""
        dump(settings, to: &dumped)
        for text in ["\(settings)", String(describing: settings), String(reflecting: settings), dumped, "\(settings.turnSecret!)"] {
            #expect(!text.contains("s3cret-value"), "\(text)")
        }
    }
}
