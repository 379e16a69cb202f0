import SeminarCore

/// The organiser console's reads and writes: figures, the people list, the audit log, exports, a participants import and
/// the one-time sign-in links it hands out, and each person's last visit.
public protocol ConsoleStore: Sendable {
    /// The dashboard's figures from the database (who is online now comes from the hub).
    func adminFigures(dayStart: Timestamp, now: Timestamp) async throws -> SeminarFigures
    /// Every registered email, lower-cased (to tell new people from existing ones in an import).
    func allEmails() async throws -> Set<String>
    func audit(actor: UserID?, action: String, target: String, detail: String, now: Timestamp) async throws
    /// Newest first, `limit` at a time, before the entry `before`; rooms and sessions by their title in `language`.
    func auditPage(before: Int64?, limit: Int, language: Language) async throws -> AuditPage
    /// People for the console, by name or email, newest accounts first.
    func peopleList(query: String?, role: Role?, before: Int64?, limit: Int) async throws -> ConsolePeoplePage
    /// Creates or updates everyone of a checked import in one transaction. Each account it creates gets a one-time
    /// sign-in link (`tokens`, one per person, are used for new accounts only); an account that exists is updated
    /// and gets none, whoever it belongs to: a link would let the importing organiser sign in as them and read
    /// their messages and tickets. An empty cell never overwrites what is stored. `passwordHash` is for new
    /// accounts (a secret nobody knows: they sign in by their link, then may set a password). A new account speaks
    /// the first of the person's languages the seminar has. With `invite`, each new person's invitation (carrying
    /// their link) is queued in this same transaction.
    func importParticipants(_ people: [ImportedPerson], tokens: [(token: String, hash: [UInt8])], passwordHash: String, linkHours: Int, by actor: UserID?, now: Timestamp, invite: InvitationMail.Composer?) async throws -> ImportOutcome
    /// Uses a one-time sign-in link: the person, if the link is known, unused and not expired; it is spent either way.
    func consumeSignInLink(hash: [UInt8], now: Timestamp) async throws -> UserRecord?
    /// Notes that a person was here (on `hello`), for "online today".
    func touch(user: UserID, now: Timestamp) async throws
    func export(_ kind: ExportKind, roomId: RoomID?, language: Language, now: Timestamp) async throws -> (header: [String], rows: [[String]])
    /// Figures for organisers: the queue now, today's resolved tickets, median wait and handling, per agent.
    func deskStats(dayStart: Timestamp) async throws -> DeskReport
    /// Which of these session hashes still name a live (present and unexpired) session.
    func liveSessions(among hashes: [[UInt8]], now: Timestamp) async throws -> Set<[UInt8]>
}

extension ConsoleStore {
    public func importParticipants(_ people: [ImportedPerson], tokens: [(token: String, hash: [UInt8])], passwordHash: String, linkHours: Int, by actor: UserID?, now: Timestamp) async throws -> ImportOutcome {
        try await importParticipants(people, tokens: tokens, passwordHash: passwordHash, linkHours: linkHours, by: actor, now: now, invite: nil)
    }
}

extension AppDatabase: ConsoleStore {}
