import ArgumentParser
import Logging
import SeminarCore
import SeminarServer

/// The `seminar` command: parses configuration and runs the service. Nothing else lives here.
@main
struct Seminar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A self-hosted online seminar: live rooms, networking lounge, welcome desk, knowledge hub.",
        subcommands: [Serve.self, UserCommand.self, ImportCommand.self, Backup.self],
        defaultSubcommand: Serve.self)
}

/// Options shared by the subcommands that open the data folder.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder (SQLite database and uploads). Default ./data")
    var data: String?

    var commandLine: [String: RawSetting] {
        data.map { ["data": .string($0)] } ?? [:]
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
