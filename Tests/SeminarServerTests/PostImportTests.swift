import Foundation
import SeminarCore
import SeminarProtocol
import SeminarServer
import SeminarStore
import Testing

/// `seminar import posts`: every line checked as `feed.post` checks it, the whole file before anything is written.
struct PostImportTests {
    /// A fresh data folder with an organiser and a participant made by the same use case as `seminar user add`.
    private func commands() async throws -> (SeminarCommands, AppDatabase) {
        var settings = Settings()
        settings.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("post-import-\(UUID().uuidString)").path
        settings.bcryptCost = 4
        let commands = try await SeminarCommands.open(settings: settings)
        _ = try await commands.createAccount(email: "org@example.org", password: "password-1", displayName: "Org", locale: "en", role: .organiser)
        _ = try await commands.createAccount(email: "pat@example.org", password: "password-2", displayName: "Pat", locale: "en", role: .participant)
        return (commands, try AppDatabase.open(directory: settings.dataDirectory, wire: .seminar))
    }

    private func line(kind: String = "news", title: String, lang: String = "fr", tags: [String] = ["climat"]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["kind": kind, "title": title, "body": "Un texte sur la coopération.",
                                                                     "lang": lang, "tags": tags]), as: UTF8.self)
    }

    private func count(_ database: AppDatabase) async throws -> Int {
        try await database.searchPosts(try #require(SearchQuery.documents("cooperation")), filter: FeedFilter(), limit: 50).count
    }

    @Test func importsEveryLineAndTheyAreFound() async throws {
        let (commands, database) = try await commands()
        let file = try [line(title: "Premier"), "", line(title: "Second", lang: "es")].joined(separator: "\n")
        #expect(try await commands.importPosts(Data(file.utf8), authorEmail: "ORG@example.org") == 2)
        #expect(try await count(database) == 2)
    }

    @Test func aBadLineImportsNothing() async throws {
        let (commands, database) = try await commands()
        let file = try [line(title: "Premier"), line(title: "Second"), line(title: "Third", lang: "de")].joined(separator: "\n")
        let problem = await #expect(throws: PostImport.Problem.self) { try await commands.importPosts(Data(file.utf8), authorEmail: "org@example.org") }
        #expect(problem?.line == 3)
        #expect(problem?.error.field == "lang")
        let notJSON = try line(title: "Premier") + "\n{not json"
        await #expect(throws: PostImport.Problem.self) { try await commands.importPosts(Data(notJSON.utf8), authorEmail: "org@example.org") }
        #expect(try await count(database) == 0)
    }

    @Test func theAuthorMustExistAndMayPostTheKind() async throws {
        let (commands, database) = try await commands()
        let news = try line(title: "Premier")
        let unknown = await #expect(throws: DomainError.self) { try await commands.importPosts(Data(news.utf8), authorEmail: "nobody@example.org") }
        #expect(unknown?.code == .notFound)
        let refused = await #expect(throws: PostImport.Problem.self) { try await commands.importPosts(Data(news.utf8), authorEmail: "pat@example.org") }
        #expect(refused?.error.code == .forbidden)
        #expect(try await commands.importPosts(Data(try line(kind: "learning", title: "Leçon").utf8), authorEmail: "pat@example.org") == 1)
        #expect(try await count(database) == 1)
    }
}
