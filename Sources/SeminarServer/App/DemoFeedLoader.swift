import Foundation
import Logging
import SeminarCore
import SeminarProtocol
import SeminarStore

/// Loads `Config/demo/hub.json` into a fresh database: the welcome desk's FAQ and the knowledge hub's first posts
/// (policy documents, Live Learning Experiences, a session's concept note and meeting minutes, from the seeds),
/// written by a demo account of the world secretariat that cannot sign in.
struct DemoFeedLoader {
    let directory: String
    let files: any BlobStore
    let logger: Logger

    struct File: Decodable {
        struct Author: Decodable {
            let name: String
            let email: String
            let organisation: String
        }
        struct Entry: Decodable {
            let question: LocalizedText
            let answer: LocalizedText
        }
        struct Attachment: Decodable {
            let name: String
            let type: String
            let text: String
        }
        struct Post: Decodable {
            let kind: PostKind
            let lang: Language
            let tags: [String]
            let title: String
            let body: String
            let session: String?
            let attachment: Attachment?
        }
        let author: Author
        let faq: [Entry]
        let posts: [Post]
    }

    func load(into database: any ServerStore, now: Timestamp) async throws {
        let path = (directory as NSString).appendingPathComponent("hub.json")
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw DomainError(.invalid, "\(path): \(error)")
        }
        for entry in file.faq {
            _ = try await database.faqUpsert(id: nil, question: entry.question, answer: entry.answer, position: nil, now: now)
        }
        // A password nobody knows: the account only signs the demo posts.
        let author = try await database.createUser(
            email: file.author.email, passwordHash: try await Passwords(cost: 4).hash(Passwords.newToken()),
            displayName: file.author.name, locale: .fr, role: .organiser, now: now)
        _ = try await database.updateProfile(user: author.id, edit: ProfileEdit(organisation: file.author.organisation, acceptsMeetings: false))
        let sessions = try await database.program(for: author.id).sessions
        for post in file.posts {
            var attachments: [FileID] = []
            if let attachment = post.attachment {
                let bytes = Array(attachment.text.utf8)
                let sha = try await files.save(bytes)
                attachments.append(try await database.recordFile(sha256: sha, name: attachment.name, type: attachment.type,
                                                                 size: Int64(bytes.count), uploader: author.id, now: now).id)
            }
            let session = post.session.flatMap { key in sessions.first { $0.key == key }?.id }
            _ = try await database.createPost(
                NewPost(kind: post.kind, title: post.title, body: post.body, lang: post.lang, tags: try PostRules.tags(post.tags),
                        sessionId: session, attachmentIds: attachments),
                author: author, key: nil, now: now)
        }
        logger.info("demo hub loaded", metadata: ["faq": "\(file.faq.count)", "posts": "\(file.posts.count)"])
    }
}
