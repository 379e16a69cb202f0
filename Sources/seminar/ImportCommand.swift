import ArgumentParser
import Foundation
import SeminarCore
import SeminarServer

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data.", subcommands: [Program.self, Participants.self, Posts.self])

    struct Program: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a program JSON file (checked whole first; a bad file changes nothing).")

        @OptionGroup var data: DataOptions
        @Argument(help: "The program file (the format of Config/demo/seminar.json).") var file: String

        func run() async throws {
            let settings = try await SettingsLoader.load(commandLine: data.commandLine)
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read \(file)") }
            do {
                let imported = try await SeminarCommands.open(settings: settings).importProgram(bytes)
                FileHandle.standardOutput.write(Data("imported \(imported.sessions) sessions in \(imported.tracks) tracks\n".utf8))
            } catch let error as DomainError {
                throw CommandError("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message)")
            }
        }
    }

    struct Participants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import people from a CSV file (checked whole first; any bad line changes nothing) and print the one-time sign-in links of the accounts it creates.")

        @OptionGroup var data: DataOptions
        @Argument(help: "A CSV file with a header: email,name and any of role,organisation,city,country,region,languages,interests.") var file: String
        @Option(help: "The seminar's address, to print whole sign-in links (default: publicURL, else the server's host and port).") var url: String?
        @Flag(help: "Also mail each new person an invitation in their language with their sign-in link (queued; the running server sends it).")
        var invite = false

        func run() async throws {
            let settings = try await SettingsLoader.load(commandLine: data.commandLine)
            guard let bytes = FileManager.default.contents(atPath: file), let text = String(data: bytes, encoding: .utf8) else {
                throw CommandError("cannot read \(file) as UTF-8 text")
            }
            switch try await SeminarCommands.open(settings: settings).importParticipants(text, baseURL: url, invite: invite) {
            case .failure(let problems):
                let lines = problems.problems.map { "\(file):\($0.line): \($0.field.map { "\($0): " } ?? "")\($0.message)" }
                throw CommandError((lines + ["nothing was imported"]).joined(separator: "\n"))
            case .success(let reply):
                var out = "created \(reply.created), updated \(reply.updated)\(invite ? ", invitations queued \(reply.invited)" : "")\n"
                for person in reply.people {
                    if let link = person.signInUrl {
                        out += "\(person.email)\t\(link)\t(until \(person.expiresAt ?? ""))\n"
                    } else {
                        out += "\(person.email)\texisting account, updated (no sign-in link)\n"
                    }
                }
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }

    struct Posts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import knowledge-hub posts (an archive) from JSON lines, one feed.post payload a line (checked whole first; a bad line changes nothing).")

        @OptionGroup var data: DataOptions
        @Option(help: "The email of the account the posts are by (it must be allowed to post their kinds).") var author: String
        @Argument(help: "The file: {\"kind\", \"title\", \"body\", \"lang\", \"tags\"?, \"sessionId\"?} on each line.") var file: String

        func run() async throws {
            let settings = try await SettingsLoader.load(commandLine: data.commandLine)
            guard let bytes = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read \(file)") }
            do {
                let count = try await SeminarCommands.open(settings: settings).importPosts(bytes, authorEmail: author)
                FileHandle.standardOutput.write(Data("imported \(count) posts\n".utf8))
            } catch let problem as PostImport.Problem {
                throw CommandError("\(file):\(problem.line): \(problem.error.field.map { "\($0): " } ?? "")\(problem.error.message); nothing was imported")
            } catch let error as DomainError {
                throw CommandError("\(error.field.map { "\($0): " } ?? "")\(error.message)")
            }
        }
    }
}
