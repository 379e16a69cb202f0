import ArgumentParser
import Logging
import SeminarCore
import SeminarServer

/// The `seminar` command: parses configuration and runs the service. Nothing else lives here.
@main
struct Seminar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A self-hosted online seminar: live rooms, networking lounge, welcome desk, knowledge hub.",
        subcommands: [Serve.self, UserCommand.self, ImportCommand.self, Backup.self, CopyCommand.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by the subcommands that open the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (SQLite database and uploads). Default ./data")
    var data: String?

    @Option(name: .customLong("database-url"),
            help: "A cluster's PostgreSQL database, postgres://USER[:PASS]@HOST:PORT/DB, instead of the data folder (env SEMINAR_DATABASE_URL)")
    var databaseURL: String?

    var commandLine: [String: RawSetting] {
        var line: [String: RawSetting] = [:]
        if let data { line["data"] = .string(data) }
        if let databaseURL { line["databaseURL"] = .string(databaseURL) }
        return line
    }
}

func makeLogger(level: String) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = Logger.Level(rawValue: level) ?? .info
        return handler
    }
    return Logger(label: "seminar")
}

/// A failure to report as one line, without the usage text.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
