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
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "seminar"),
            fileProvider,
        ])
        return try Settings.parse { key in
            let configKey = ConfigKey(key)
            if key == "allowedOrigins" || key == "embedHosts" {
                if let list = reader.stringArray(forKey: configKey) { return .strings(list) }
                return reader.string(forKey: configKey).map(RawSetting.string)
            }
            if let v = reader.int(forKey: configKey) { return .int(v) }
            if let v = reader.double(forKey: configKey) { return .double(v) }
            if let v = reader.bool(forKey: configKey) { return .bool(v) }
            return reader.string(forKey: configKey).map(RawSetting.string)
        }
    }
}
