import ArgumentParser
import Foundation
import SeminarCore
import SeminarServer

struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Move an embedded seminar (database, event log, files) into a cluster's empty PostgreSQL database, checked, all or nothing.")

    @Option(help: "The data folder of the embedded seminar (stop its server first).") var from: String
    @Option(help: "The cluster's database, postgres://USER[:PASS]@HOST:PORT/DB (empty: its schema is made here).") var to: String

    func run() async throws {
        let url: DatabaseURL
        do { url = try DatabaseURL(to) } catch { throw ValidationError("--to: \(error.message)") }
        do {
            let report = try await SeminarCommands.copy(from: from, to: url)
            let rows = report.rows.values.reduce(0, +)
            FileHandle.standardOutput.write(Data("copied \(rows) rows in \(report.rows.count) tables and \(report.files) files to \(url)\n".utf8))
        } catch let error as DomainError {
            throw CommandError("\(error.field.map { "\($0): " } ?? "")\(error.message)")
        }
    }
}
