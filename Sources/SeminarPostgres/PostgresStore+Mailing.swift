import SeminarCore
import SeminarStore

/// Invitations, the outbox report, digests, mail preferences and server keys on the cluster's PostgreSQL
/// (``PostgresMailing``).
extension PostgresStore: MailingStore {
    var mailing: PostgresMailing { PostgresMailing(context) }

    public func invitations(limit: Int) async throws -> InvitationReport { try await mailing.invitations(limit: limit) }

    public func resendInvitations(to userId: Int64?, newToken: @Sendable () -> (token: String, hash: [UInt8]), linkHours: Int, by actor: UserID,
                                  now: Timestamp, compose: InvitationMail.Composer) async throws -> Int {
        try await mailing.resendInvitations(to: userId, newToken: newToken, linkHours: linkHours, by: actor, now: now, compose: compose)
    }

    public func outboxReport(status: String?, limit: Int) async throws -> OutboxReport { try await mailing.outboxReport(status: status, limit: limit) }
    public func retryFailedMails(id: MailID?, by actor: UserID, now: Timestamp) async throws -> Int { try await mailing.retryFailedMails(id: id, by: actor, now: now) }

    public func queueDigests(day: String, from: Timestamp, to: Timestamp, now: Timestamp, compose: DigestMail.Composer) async throws -> Int {
        try await mailing.queueDigests(day: day, from: from, to: to, now: now, compose: compose)
    }

    public func mailPreferences(of user: UserID) async throws -> MailPreferences { try await mailing.mailPreferences(of: user) }
    public func setMailTopic(_ topic: MailTopic, on: Bool, for user: UserID) async throws -> MailPreferences? { try await mailing.setMailTopic(topic, on: on, for: user) }
    public func serverKey(named name: String, make: @Sendable () -> [UInt8]) async throws -> [UInt8] { try await mailing.serverKey(named: name, make: make) }
}
