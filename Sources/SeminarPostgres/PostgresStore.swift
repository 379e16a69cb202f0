import SeminarCore
import SeminarStore

/// One node's store on the cluster's PostgreSQL: the aggregates moved there so far, on one database and one event log
/// (their use cases' events reach the node's ``ClusterBus``). The rest of the Store API joins as it moves (issue 23).
public final class PostgresStore: EventLogStore, AccountStore, PeopleStore, MailOutboxStore {
    public let database: PostgresDatabase
    public let log: PostgresEventLog
    let accounts: PostgresAccounts
    let people: PostgresPeople
    let mail: PostgresMailOutbox

    /// `wire` writes the domain events its use cases append (`EventWire.seminar`).
    public init(database: PostgresDatabase, bus: ClusterBus, wire: EventWire) {
        self.database = database
        log = PostgresEventLog(database: database, bus: bus)
        accounts = PostgresAccounts(database: database)
        people = PostgresPeople(database: database, log: log, wire: wire)
        mail = PostgresMailOutbox(database: database)
    }

    // MARK: event log

    public func append(_ events: [NewEvent]) async throws -> [StoredEvent] { try await log.append(events) }
    public func events(topic: Topic, since: Int64) async throws -> Replay { try await log.events(topic: topic, since: since) }
    @discardableResult
    public func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int { try await log.pruneEvents(olderThan: cutoff) }

    // MARK: accounts

    public func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role,
                           now: Timestamp) async throws -> UserRecord {
        try await accounts.createUser(email: email, passwordHash: passwordHash, displayName: displayName, locale: locale, role: role, now: now)
    }

    public func user(id: UserID) async throws -> UserRecord? { try await accounts.user(id: id) }
    public func user(email: String) async throws -> UserRecord? { try await accounts.user(email: email) }
    public func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord? { try await accounts.user(tokenHash: tokenHash, now: now) }

    public func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws {
        try await accounts.createAuthSession(tokenHash: tokenHash, user: user, now: now, expiresAt: expiresAt)
    }

    public func deleteAuthSession(tokenHash: [UInt8]) async throws { try await accounts.deleteAuthSession(tokenHash: tokenHash) }

    // MARK: people

    public func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person { try await people.updateProfile(user: user, edit: edit) }
    public func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws { try await people.setBlock(blocker: blocker, blocked: blocked, on: on) }

    public func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await people.sendDM(from: sender, to: recipient, text: text, key: key, now: now)
    }

    public func dmHistory(user: UserID, with other: Int64, before: DirectMessageID?) async throws -> DirectMessagePage {
        try await people.dmHistory(user: user, with: other, before: before)
    }

    // MARK: mail

    @discardableResult
    public func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool { try await self.mail.queueMail(mail, now: now) }

    public func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail] {
        try await mail.claimDueMails(now: now, limit: limit, leaseSeconds: leaseSeconds)
    }

    public func releaseMailClaims(now: Timestamp) async throws -> Int { try await mail.releaseMailClaims(now: now) }
    public func nextMailDue() async throws -> Timestamp? { try await mail.nextMailDue() }
    public func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws { try await self.mail.markMailSent(mail, now: now) }
    public func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws { try await self.mail.markMailRetry(mail, at: at, error: error) }
    public func markMailFailed(_ mail: QueuedMail, error: String) async throws { try await self.mail.markMailFailed(mail, error: error) }
    public func outbox() async throws -> [OutboxEntry] { try await mail.outbox() }
}
