import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Posts brought in bulk (an archive of earlier years), one `feed.post` payload per line of JSON: each line checked as
/// `feed.post` checks a post from the author, the whole file before anything is written (a bad line changes nothing),
/// then stored in batches without live events, and the search index merged once at the end.
public struct PostImport {
    let database: any ServerStore
    let settings: Settings
    let clock: @Sendable () -> Timestamp

    /// A line of the file that cannot be imported: its number (from 1) and why.
    public struct Problem: Error, CustomStringConvertible {
        public let line: Int
        public let error: DomainError
        public var description: String { "line \(line): \(error.field.map { "\($0): " } ?? "")\(error.message)" }
    }

    /// How many posts were imported.
    func run(_ bytes: Data, authorEmail: String) async throws -> Int {
        guard let author = try await database.user(email: try Validate.email(authorEmail)) else {
            throw DomainError(.notFound, "no account with the email \(authorEmail)", field: "author")
        }
        let posts = try Self.parse(bytes, role: author.role, settings: settings)
        let now = clock()
        var start = posts.startIndex
        while start < posts.endIndex {
            let end = min(start + 5_000, posts.endIndex)
            try await database.importPosts(Array(posts[start..<end]), author: author.id, now: now)
            start = end
        }
        try await database.optimizeSearchIndex()
        return posts.count
    }

    /// Every line checked; the first refused one throws a ``Problem``. Blank lines are skipped.
    static func parse(_ bytes: Data, role: Role, settings: Settings) throws -> [NewPost] {
        let decoder = JSONDecoder()
        var posts: [NewPost] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            do {
                guard let request = try? decoder.decode(FeedPostRequest.self, from: Data(line)) else {
                    throw DomainError.invalid("line", "not a JSON object of a feed.post")
                }
                guard (request.attachmentIds ?? []).isEmpty else { throw DomainError.invalid("attachmentIds", "attachments cannot be imported") }
                posts.append(try request.checked(role: role, settings: settings))
            } catch let error as DomainError {
                throw Problem(line: index + 1, error: error)
            }
        }
        return posts
    }
}
