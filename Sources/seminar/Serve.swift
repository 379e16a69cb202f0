import ArgumentParser
import Logging
import SeminarCore
import SeminarServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the seminar server (a fresh data folder gets the demo seminar).")

    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default 8080).") var port: Int?
    @OptionGroup var data: DataOptions
    @Option(help: "Folder of the web client (default ./Web).") var web: String?
    @Flag(name: .customLong("no-demo"), help: "Do not load the demo seminar into a fresh database.") var noDemo = false
    @Option(help: "Configuration file (default Config/seminar.json).") var config = "Config/seminar.json"

    func run() async throws {
        var cli = data.commandLine
        if let host { cli["host"] = .string(host) }
        if let port { cli["port"] = .int(port) }
        if let web { cli["web"] = .string(web) }
        if noDemo { cli["demo"] = .bool(false) }
        let settings: Settings
        do {
            settings = try await SettingsLoader.load(commandLine: cli, file: config)
        } catch let error as SettingsError {
            throw CommandError(error.description)
        }
        let logger = makeLogger(level: settings.logLevel)
        let server = try await buildApplication(settings: settings, logger: logger)
        try await server.serviceGroup().run()
    }
}
