import SeminarCore
import SeminarStore

/// The organiser console's reads and writes on the cluster's PostgreSQL (``PostgresConsole``).
extension PostgresStore: ConsoleStore {
    var console: PostgresConsole { PostgresConsole(context) }

    public func adminFigures(dayStart: Timestamp, now: Timestamp) async throws -> SeminarFigures { try await console.adminFigures(dayStart: dayStart, now: now) }
    public func allEmails() async throws -> Set<String> { try await console.allEmails() }

    public func audit(actor: UserID?, action: String, target: String, detail: String, now: Timestamp) async throws {
        try await console.audit(actor: actor, action: action, target: target, detail: detail, now: now)
    }

    public func auditPage(before: Int64?, limit: Int, language: Language) async throws -> AuditPage {
        try await console.auditPage(before: before, limit: limit, language: language)
    }

    public func peopleList(query: String?, role: Role?, before: Int64?, limit: Int) async throws -> ConsolePeoplePage {
        try await console.peopleList(query: query, role: role, before: before, limit: limit)
    }

    public func importParticipants(_ people: [ImportedPerson], tokens: [(token: String, hash: [UInt8])], passwordHash: String, linkHours: Int,
                                   by actor: UserID?, now: Timestamp, invite: InvitationMail.Composer?) async throws -> ImportOutcome {
        try await console.importParticipants(people, tokens: tokens, passwordHash: passwordHash, linkHours: linkHours, by: actor, now: now, invite: invite)
    }

    public func consumeSignInLink(hash: [UInt8], now: Timestamp) async throws -> UserRecord? { try await console.consumeSignInLink(hash: hash, now: now) }
    public func touch(user: UserID, now: Timestamp) async throws { try await console.touch(user: user, now: now) }

    public func export(_ kind: ExportKind, roomId: RoomID?, language: Language, now: Timestamp) async throws -> (header: [String], rows: [[String]]) {
        try await console.export(kind, roomId: roomId, language: language, now: now)
    }

    public func deskStats(dayStart: Timestamp) async throws -> DeskReport { try await console.deskStats(dayStart: dayStart) }

    public func liveSessions(among hashes: [[UInt8]], now: Timestamp) async throws -> Set<[UInt8]> {
        try await console.liveSessions(among: hashes, now: now)
    }
}
