import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore

/// What the `seminar` command does besides serving, as use cases of the server module: the executable only parses its
/// arguments and calls these, so that a command goes through the same rules as the same action in the browser.
public struct SeminarCommands: Sendable {
    let settings: Settings
    let database: any ServerStore
    let clock: @Sendable () -> Timestamp

    /// Opens the seminar's database as `settings` say (migrated, as the server opens it).
    public init(settings: Settings) throws {
        self.settings = settings
        self.database = try AppDatabase.open(directory: settings.dataDirectory, wire: .seminar)
        self.clock = { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) }
    }

    /// An account created by the use case behind sign-up (``AccountCreation``), with any role.
    public func createAccount(email: String, password: String, displayName: String, locale: String, role: Role) async throws
        -> (id: Int64, email: String, role: Role)
    {
        let user = try await AccountCreation(database: database, passwords: Passwords(cost: settings.bcryptCost), clock: clock)
            .create(email: email, password: password, displayName: displayName, locale: locale, role: role)
        return (user.id.rawValue, user.email, user.role)
    }

    /// A program file, checked whole before anything is written; how many sessions and tracks it holds.
    public func importProgram(_ bytes: Data) async throws -> (sessions: Int, tracks: Int) {
        let program = try ProgramImport.parse(bytes)
        try await database.loadProgram(program)
        return (program.sessions.count, program.tracks.count)
    }

    /// A participants CSV, as the console imports it (``ParticipantsImporter``); links start with `baseURL`, else
    /// `publicURL`, else the address the server listens on. With `invite`, each new person's invitation is queued
    /// (the running server's mail sender delivers it; with none running, the next start does).
    public func importParticipants(_ text: String, baseURL: String?, invite: Bool = false) async throws -> Result<ParticipantsImportReply, ImportProblems> {
        let base = baseURL ?? settings.publicURL ?? "http://\(settings.host):\(settings.port)"
        return try await ParticipantsImporter(database: database, passwords: Passwords(cost: settings.bcryptCost), linkHours: settings.signInLinkHours,
                                              clock: clock).run(text, by: nil, baseURL: base, invite: invite)
    }

    /// Hub posts from JSON lines (one `feed.post` payload a line) by the account `authorEmail`, checked whole first
    /// (``PostImport``); how many. A bad line throws ``PostImport/Problem`` and nothing is imported.
    public func importPosts(_ bytes: Data, authorEmail: String) async throws -> Int {
        try await PostImport(database: database, settings: settings, clock: clock).run(bytes, authorEmail: authorEmail)
    }

    /// An online, consistent copy of the embedded database at `path` (a new file). A seminar on PostgreSQL is backed up
    /// with PostgreSQL's own tools (`pg_dump`), as docs/operations.md says.
    public func backup(to path: String) throws {
        guard let embedded = database as? AppDatabase else {
            throw DomainError(.invalid, "This seminar is on PostgreSQL: back it up with pg_dump (docs/operations.md)")
        }
        try embedded.backup(to: path)
    }
}
