import ArgumentParser
import Foundation
import SeminarServer

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write an online, consistent copy of the database to PATH (safe while the server runs).")

    @OptionGroup var data: DataOptions
    @Argument(help: "Where to write the copy (a new SQLite file).") var path: String

    func run() async throws {
        let settings = try await SettingsLoader.load(commandLine: data.commandLine)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandError("\(path) exists; choose a new file")
        }
        try await SeminarCommands.open(settings: settings).backup(to: path)
        FileHandle.standardOutput.write(Data("backup written to \(path)\n".utf8))
    }
}
