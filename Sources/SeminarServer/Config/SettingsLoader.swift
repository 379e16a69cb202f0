import Configuration
import Foundation
import SeminarCore
import SystemPackage

/// Reads ``Settings`` through swift-configuration: command line > `SEMINAR_*` environment > `Config/seminar.json` > defaults.
public enum SettingsLoader {
    public static func load(
        commandLine: [String: RawSetting] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        file: String = "Config/seminar.json"
    ) async throws -> Settings {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in commandLine {
            let content: ConfigContent
            switch value {
            case .string(let v): content = .string(v)
            case .int(let v): content = .int(v)
            case .bool(let v): content = .bool(v)
            case .double(let v): content = .double(v)
            case .strings(let v): content = .stringArray(v)
            }
            values[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(content, isSecret: false)
        }
        let fileProvider: FileProvider<JSONSnapshot>
        do {
            fileProvider = try await FileProvider<JSONSnapshot>(filePath: FilePath(file), allowMissing: true)
        } catch {
            throw SettingsError(key: file, message: "the configuration file cannot be read: \(error)")
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            // The relay and Janus secrets are marked secret, so no access log of swift-configuration could ever show it.
            EnvironmentVariablesProvider(environmentVariables: Self.documentedNames(environment), secretsSpecifier: .specific(["SEMINAR_DATABASE_URL", "SEMINAR_SMTP_URL", "SEMINAR_TURN_SECRET", "SEMINAR_JANUS_API_SECRET", "SEMINAR_JANUS_ADMIN_KEY"]))
                .prefixKeys(with: "seminar"),
            fileProvider,
        ])
        // Ask for the type the key expects; a value that does not convert comes back as text, so the
        // error can quote it.
        return try Settings.parse { key, kind in
            let configKey = ConfigKey(key)
            let typed: RawSetting? = switch kind {
            case .string: nil
            case .int: reader.int(forKey: configKey).map(RawSetting.int)
            case .double: reader.double(forKey: configKey).map(RawSetting.double)
            case .bool: reader.bool(forKey: configKey).map(RawSetting.bool)
            case .strings: reader.stringArray(forKey: configKey).map(RawSetting.strings)
            }
            return typed ?? reader.string(forKey: configKey).map(RawSetting.string)
        }
    }

    /// swift-configuration reads `uploadLimitMiB` from `SEMINAR_UPLOAD_LIMIT_MI_B` (it splits `MiB` as `Mi`+`B`); the
    /// documented `SEMINAR_UPLOAD_LIMIT_MIB` is taken as that name.
    static func documentedNames(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        if let value = environment["SEMINAR_UPLOAD_LIMIT_MIB"], environment["SEMINAR_UPLOAD_LIMIT_MI_B"] == nil {
            environment["SEMINAR_UPLOAD_LIMIT_MI_B"] = value
        }
        return environment
    }
}
