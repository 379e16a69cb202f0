import Foundation
import SeminarCore
import SeminarServer
import Testing

@Suite("configuration sources")
struct SettingsLoaderTests {
    static func file(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seminar-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("command line > environment > file > defaults")
    func precedence() async throws {
        let path = try Self.file(#"{"port": 1234, "frameLimit": 2048, "openRegistration": false, "allowedOrigins": ["https://a.org"]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try await SettingsLoader.load(environment: [:], file: path)
        #expect(fromFile.port == 1234 && fromFile.frameLimit == 2048 && !fromFile.openRegistration && fromFile.allowedOrigins == ["https://a.org"])
        let fromEnv = try await SettingsLoader.load(environment: ["SEMINAR_PORT": "4321", "SEMINAR_OPEN_REGISTRATION": "true"], file: path)
        #expect(fromEnv.port == 4321 && fromEnv.openRegistration && fromEnv.frameLimit == 2048)
        let fromCLI = try await SettingsLoader.load(commandLine: ["port": .int(5555)], environment: ["SEMINAR_PORT": "4321"], file: path)
        #expect(fromCLI.port == 5555)
        let defaults = try await SettingsLoader.load(environment: [:], file: "/nonexistent/seminar.json")
        #expect(defaults == Settings())
    }

    @Test("the HTTP keys from the environment (names as in docs/operations.md) and from the file")
    func httpKeys() async throws {
        let fromEnv = try await SettingsLoader.load(environment: [
            "SEMINAR_PUBLIC_URL": "https://seminar.example.org", "SEMINAR_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8",
            "SEMINAR_REQUEST_HEAD_SECONDS": "5", "SEMINAR_KEEP_ALIVE_SECONDS": "45", "SEMINAR_HTTP_CONNECTIONS_PER_ADDRESS": "64",
        ], file: "/nonexistent/seminar.json")
        #expect(fromEnv.publicURLIsHTTPS && fromEnv.trustedProxies.map(\.description) == ["127.0.0.1", "10.0.0.0/8"])
        #expect(fromEnv.requestHeadSeconds == 5 && fromEnv.keepAliveSeconds == 45 && fromEnv.httpConnectionsPerAddress == 64)
        let path = try Self.file(#"{"publicURL": "https://s.example.org", "trustedProxies": ["::1", "192.168.0.0/16"], "connectionsPerAddress": 900}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try await SettingsLoader.load(environment: [:], file: path)
        #expect(fromFile.publicURL == "https://s.example.org" && fromFile.trustedProxies.map(\.description) == ["::1", "192.168.0.0/16"])
        #expect(fromFile.httpConnectionsPerAddress == 900)
    }

    @Test("the relay keys by their documented environment names; a turn address without its secret names turnSecret")
    func relayEnvironment() async throws {
        let settings = try await SettingsLoader.load(environment: [
            "SEMINAR_TURN_URLS": "turn:relay.example.org:3478?transport=udp, turns:relay.example.org:5349?transport=tcp",
            "SEMINAR_TURN_SECRET": "env-secret", "SEMINAR_TURN_CREDENTIAL_HOURS": "3", "SEMINAR_ICE_TRANSPORT_POLICY": "relay",
        ], file: "/nonexistent/seminar.json")
        #expect(settings.turnURLs == ["turn:relay.example.org:3478?transport=udp", "turns:relay.example.org:5349?transport=tcp"])
        #expect(settings.turnSecret == Secret("env-secret") && settings.turnCredentialHours == 3 && settings.iceTransportPolicy == .relay)
        await #expect(throws: SettingsError(key: "turnSecret", message: "is required with turnURLs (the relay's static-auth-secret)")) {
            _ = try await SettingsLoader.load(environment: ["SEMINAR_TURN_URLS": "turn:relay.example.org"], file: "/nonexistent/seminar.json")
        }
    }

    @Test("the stage keys by their documented environment names, the secrets never shown")
    func stageEnvironment() async throws {
        let settings = try await SettingsLoader.load(environment: [
            "SEMINAR_JANUS_URL": "ws://127.0.0.1:8188", "SEMINAR_JANUS_API_SECRET": "api-s3cret", "SEMINAR_JANUS_ADMIN_KEY": "admin-s3cret",
            "SEMINAR_STAGE_MAX_SPEAKERS": "4",
        ], file: "/nonexistent/seminar.json")
        #expect(settings.janusURL == "ws://127.0.0.1:8188" && settings.stageMaxSpeakers == 4)
        #expect(settings.janusApiSecret == Secret("api-s3cret") && settings.janusAdminKey == Secret("admin-s3cret"))
        #expect(!"\(settings)".contains("s3cret"))
    }

    @Test("uploadLimitMiB from its documented environment name, SEMINAR_UPLOAD_LIMIT_MIB")
    func uploadLimitName() async throws {
        let settings = try await SettingsLoader.load(environment: ["SEMINAR_UPLOAD_LIMIT_MIB": "7"], file: "/nonexistent/seminar.json")
        #expect(settings.uploadLimitMiB == 7)
    }

    @Test("a bad value in the file or the environment names its key")
    func badValues() async throws {
        let path = try Self.file(#"{"outboxSize": "lots"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: SettingsError(key: "outboxSize", message: "'lots' is not a whole number")) {
            _ = try await SettingsLoader.load(environment: [:], file: path)
        }
        await #expect(throws: SettingsError.self) {
            _ = try await SettingsLoader.load(environment: ["SEMINAR_PORT": "99999"], file: "/nonexistent.json")
        }
        let broken = try Self.file("{ not json")
        defer { try? FileManager.default.removeItem(atPath: broken) }
        await #expect(throws: SettingsError.self) { _ = try await SettingsLoader.load(environment: [:], file: broken) }
    }
}
