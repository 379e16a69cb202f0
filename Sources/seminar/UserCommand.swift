import ArgumentParser
import Foundation
import SeminarCore
import SeminarServer

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account with a role.")

        @OptionGroup var data: DataOptions
        @Option(help: "Email address (sign-in name).") var email: String
        @Option(help: "Password (at least 8 characters).") var password: String
        @Option(help: "Display name.") var name: String
        @Option(help: "organiser, agent, host or participant.") var role: String = "participant"
        @Option(help: "fr, en or es.") var locale: String = "en"

        func run() async throws {
            let settings = try await SettingsLoader.load(commandLine: data.commandLine)
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                let user = try await SeminarCommands.open(settings: settings)
                    .createAccount(email: email, password: password, displayName: name, locale: locale, role: role)
                FileHandle.standardOutput.write(Data("created user \(user.id) <\(user.email)> as \(user.role.rawValue)\n".utf8))
            } catch let error as DomainError {
                throw CommandError("\(error.field.map { "\($0): " } ?? "")\(error.message)")
            }
        }
    }
}
