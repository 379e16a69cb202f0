import Foundation
import GRDB
import SeminarCore

/// Invitations: one per new person of an import (queued in the import's transaction), their progress for the
/// console, and resending (a new one-time link each) to one person or to everyone who never signed in.
extension AppDatabase {
    /// What a mail says about the seminar (its name, dates, time zone).
    static func mailSeminar(_ db: Database) throws -> MailSeminar {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, time_zone, starts_at, ends_at FROM seminar WHERE id = 1")) else {
            return MailSeminar(name: nil, startsAt: nil, endsAt: nil, timeZone: "UTC")
        }
        return MailSeminar(name: try? Self.decode(row["name"]), startsAt: Timestamp(milliseconds: row["starts_at"]),
                           endsAt: Timestamp(milliseconds: row["ends_at"]), timeZone: row["time_zone"])
    }

    /// The condition "this person never signed in" on `users u`: never seen, no link of theirs used in time (a spent
    /// link is marked used whenever it is tried), no session.
    package static let neverSignedIn = """
        u.last_seen_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM signin_links l WHERE l.user_id = u.id AND l.used_at < l.expires_at)
        AND NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.user_id = u.id)
        """

    /// Invited (by an import or a resend) and never signed in: whom "resend to all" reaches.
    package static let invitedNeverSignedIn = "EXISTS (SELECT 1 FROM mail_outbox i WHERE i.user_id = u.id AND i.kind = 'invitation') AND \(neverSignedIn)"

    /// A new one-time link (stored by its hash) for `invitee`'s account, inside the caller's transaction.
    static func insertSignInLink(_ db: Database, _ invitee: InvitationMail.Invitee, tokenHash: [UInt8], now: Timestamp) throws {
        try db.cachedStatement(sql: "INSERT INTO signin_links(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)").execute(
                       arguments: [Data(tokenHash), invitee.userID.rawValue, now.milliseconds, invitee.expiresAt.milliseconds])
    }

    /// Sends a new invitation to `userId`, or (nil) to everyone invited who never signed in, in one transaction: each gets a
    /// new one-time link by mail and their earlier links stop working. Refused (nothing written) for a person who
    /// has signed in: they have their own way in ("Forgot your password?"), and a link would be a second one.
    public func resendInvitations(to userId: Int64?, newToken: @Sendable () -> (token: String, hash: [UInt8]), linkHours: Int,
                                  by actor: UserID, now: Timestamp, compose: InvitationMail.Composer) async throws -> Int {
        try await writer.write { db in
            var sql = "SELECT u.id, u.email, u.display_name, u.locale, \(Self.neverSignedIn) AS never FROM users u"
            var arguments: StatementArguments = []
            if let userId {
                sql += " WHERE u.id = ?"
                arguments = [userId]
            } else {
                sql += " WHERE \(Self.invitedNeverSignedIn) ORDER BY u.id LIMIT \(ParticipantImport.maxPeople)"
            }
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            if let userId {
                guard let row = rows.first else { throw DomainError(.notFound, "No person \(userId)", field: "userId") }
                try OutboxRules.mayResendInvitation(to: row["email"], neverSignedIn: row["never"])
            }
            let seminar = try Self.mailSeminar(db)
            let expires = now.adding(seconds: Int64(linkHours) * 3600)
            for row in rows {
                let id: Int64 = row["id"]
                try db.cachedStatement(sql: "UPDATE signin_links SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?")
                    .execute(arguments: [now.milliseconds, id, now.milliseconds])
                let token = newToken()
                let invitee = InvitationMail.Invitee(userID: UserID(id), email: row["email"], name: row["display_name"],
                                                     language: Language(rawValue: row["locale"]) ?? .en, token: token.token, expiresAt: expires)
                try Self.insertSignInLink(db, invitee, tokenHash: token.hash, now: now)
                try Self.enqueueMail(db, compose(invitee, seminar), now: now)
            }
            try Self.audit(db, actor: actor, action: "POST /api/admin/invitations/resend",
                           target: userId.map { "person \($0)" } ?? "everyone who never signed in", detail: "queued \(rows.count)", now: now)
            return rows.count
        }
    }

    /// The latest invitation of each invited person (newest first, at most `limit`), and the counts by status.
    public func invitations(limit: Int) async throws -> InvitationReport {
        try await writer.read { db in
            let latest = "m.kind = 'invitation' AND m.id = (SELECT MAX(id) FROM mail_outbox WHERE user_id = m.user_id AND kind = 'invitation')"
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT m.status, COUNT(*) AS n FROM mail_outbox m WHERE \(latest) GROUP BY m.status") {
                let status: String = row["status"]
                counts[status == "sending" ? "queued" : status, default: 0] += row["n"] as Int
            }
            let people = try Row.fetchAll(db, sql: """
                SELECT u.id, u.email, u.display_name, m.status, m.attempts, m.last_error, m.created_at, NOT (\(Self.neverSignedIn)) AS signed_in
                FROM mail_outbox m JOIN users u ON u.id = m.user_id WHERE \(latest) ORDER BY m.id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let status: String = row["status"]
                return InvitationReport.Invited(userId: row["id"], email: row["email"], displayName: row["display_name"],
                                      status: status == "sending" ? "queued" : status, attempts: row["attempts"], error: row["last_error"],
                                      queuedAt: Timestamp(milliseconds: row["created_at"]), signedIn: row["signed_in"])
            }
            let never = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users u WHERE \(Self.invitedNeverSignedIn)") ?? 0
            return InvitationReport(queued: counts["queued"] ?? 0, sent: counts["sent"] ?? 0, failed: counts["failed"] ?? 0,
                                    neverSignedIn: never, people: people)
        }
    }
}
