import Foundation
import Logging
import SeminarCore
import SeminarPostgres
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// What the `seminar` command does besides serving, as use cases of the server module: the executable only parses its
/// arguments and calls these, so that a command goes through the same rules as the same action in the browser.
public struct SeminarCommands: Sendable {
    let settings: Settings
    let database: any ServerStore
    let clock: @Sendable () -> Timestamp

    /// Ends the database's connections.
    public let close: @Sendable () -> Void

    /// Opens the seminar's database as `settings` say (migrated, as the server opens it): the cluster's PostgreSQL one
    /// with `databaseURL`, else the embedded one under `data`. A running cluster's nodes hear what a command commits
    /// within their head check (a second).
    public static func open(settings: Settings, logger: Logger = Logger(label: "seminar")) async throws -> SeminarCommands {
        let node = try await NodeStore.open(settings: settings, hub: Hub(logger: logger), metrics: SeminarMetrics(), logger: logger)
        return SeminarCommands(settings: settings, database: node.store, clock: { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) },
                               close: node.close)
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
            throw DomainError(.invalid, "This seminar is on PostgreSQL: back it up with PostgreSQL's pg_dump, e.g. pg_dump --format=custom --file=seminar.dump DATABASE (docs/operations.md)")
        }
        try embedded.backup(to: path)
    }
}


extension SeminarCommands {
    /// `seminar copy`: the embedded seminar in `dataDirectory` (its database, event log and files) into the cluster's
    /// empty database at `url`, in one checked transaction; what was copied. The source is read in one transaction, so
    /// a server running on it meanwhile does not tear the copy (stop it first to copy its last writes).
    public static func copy(from dataDirectory: String, to url: DatabaseURL, logger: Logger = Logger(label: "seminar")) async throws -> CopyReport {
        guard FileManager.default.fileExists(atPath: (dataDirectory as NSString).appendingPathComponent("seminar.sqlite")) else {
            throw DomainError(.notFound, "No seminar in \(dataDirectory) (no seminar.sqlite there)", field: "from")
        }
        let source = try AppDatabase.open(directory: dataDirectory, wire: .seminar)
        let tables = try await source.tablesForCopy()
        let target = try await PostgresDatabase.open(url, logger: logger)
        defer { target.close() }
        return try await target.copySeminar(tables, files: FileStore(dataDirectory: dataDirectory))
    }
}
