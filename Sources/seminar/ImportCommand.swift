import ArgumentParser
import Foundation
import SeminarCore
import SeminarServer
import SeminarStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data.", subcommands: [Program.self])

    struct Program: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a program JSON file (checked whole first; a bad file changes nothing).")

        @OptionGroup var data: DataOptions
        @Argument(help: "The program file (the format of Config/demo/seminar.json).") var file: String

        func run() async throws {
            let settings = try await SettingsLoader.load(commandLine: data.commandLine)
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read \(file)") }
            do {
                let program = try ProgramImport.parse(bytes)
                let database = try AppDatabase.open(directory: settings.dataDirectory)
                try await database.loadProgram(program)
                FileHandle.standardOutput.write(Data("imported \(program.sessions.count) sessions in \(program.tracks.count) tracks\n".utf8))
            } catch let error as DomainError {
                throw CommandError("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message)")
            }
        }
    }
}
