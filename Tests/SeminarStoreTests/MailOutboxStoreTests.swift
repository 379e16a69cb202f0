import Foundation
import GRDB
import SeminarCore
import SeminarStore
import Testing

@Suite("mail outbox and password resets in the store")
struct MailOutboxStoreTests {
    let now = Timestamp(seconds: 2_000_000_000)

    static func compose(_ user: UserRecord, _ name: LocalizedText?) -> OutboxMail {
        OutboxMail(kind: .passwordReset, recipient: user.email, userID: user.id, language: user.locale, fromName: name?.en ?? "Seminar",
                   content: MailContent(subject: "Reset", text: "link", html: "<p>link</p>"))
    }

    func count(_ database: AppDatabase, _ table: String) async throws -> Int {
        try await database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test("a reset for an unknown address writes nothing; for a known one, the token and its mail in one transaction")
    func request() async throws {
        let database = try AppDatabase.inMemory()
        let user = try await database.createUser(email: "ada@x.org", passwordHash: "-", displayName: "Ada", locale: .es, role: .participant, now: now)
        #expect(try await !database.requestPasswordReset(email: "bob@x.org", tokenHash: [1], now: now, expiresAt: now.adding(seconds: 60), compose: Self.compose))
        let outboxRows = try await count(database, "mail_outbox"), resetRows = try await count(database, "password_resets")
        #expect(outboxRows == 0 && resetRows == 0)
        #expect(try await database.requestPasswordReset(email: "ada@x.org", tokenHash: [2], now: now, expiresAt: now.adding(seconds: 60), compose: Self.compose))
        let outbox = try await database.outbox()
        #expect(outbox.map(\.recipient) == [user.email] && outbox.map(\.status) == ["queued"])
        #expect(try await database.passwordResetIsValid(tokenHash: [2], now: now))
        #expect(try await !database.passwordResetIsValid(tokenHash: [2], now: now.adding(seconds: 61)))
    }

    @Test("a claim leases a mail: not claimed again until the lease ends or a restart releases it; each claim is an attempt")
    func claims() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.createUser(email: "ada@x.org", passwordHash: "-", displayName: "Ada", locale: .en, role: .participant, now: now)
        _ = try await database.requestPasswordReset(email: "ada@x.org", tokenHash: [2], now: now, expiresAt: now.adding(seconds: 60), compose: Self.compose)
        let first = try await database.claimDueMails(now: now, limit: 4, leaseSeconds: 100)
        #expect(first.map(\.attempts) == [1] && first.first?.subject == "Reset")
        #expect(try await database.claimDueMails(now: now.adding(seconds: 99), limit: 4, leaseSeconds: 100).isEmpty)
        #expect(try await database.claimDueMails(now: now.adding(seconds: 100), limit: 4, leaseSeconds: 100).map(\.attempts) == [2])
        #expect(try await database.releaseMailClaims(now: now.adding(seconds: 101)) == 1)
        let again = try await database.claimDueMails(now: now.adding(seconds: 101), limit: 4, leaseSeconds: 100)
        #expect(again.map(\.attempts) == [3])
        try await database.markMailRetry(again[0], at: now.adding(seconds: 500), error: "451 later")
        #expect(try await database.claimDueMails(now: now.adding(seconds: 499), limit: 4, leaseSeconds: 100).isEmpty)
        #expect(try await database.nextMailDue() == now.adding(seconds: 500))
        let last = try await database.claimDueMails(now: now.adding(seconds: 500), limit: 4, leaseSeconds: 100)
        try await database.markMailSent(last[0], now: now.adding(seconds: 501))
        #expect(try await database.outbox().map(\.status) == ["sent"])
        let bodies = try await database.writer.read { db in try Row.fetchOne(db, sql: "SELECT body_text, body_html FROM mail_outbox") }
        #expect(bodies?["body_text"] == "" && bodies?["body_html"] == "", "a sent reset mail keeps no link")
        #expect(try await database.claimDueMails(now: now.adding(seconds: 10_000), limit: 4, leaseSeconds: 100).isEmpty)
    }

    @Test("a reset spends every token of the person, ends all their sessions and starts one; a spent token does nothing")
    func reset() async throws {
        let database = try AppDatabase.inMemory()
        let user = try await database.createUser(email: "ada@x.org", passwordHash: "old", displayName: "Ada", locale: .en, role: .participant, now: now)
        try await database.createAuthSession(tokenHash: [9], user: user.id, now: now, expiresAt: now.adding(seconds: 3600))
        _ = try await database.requestPasswordReset(email: "ada@x.org", tokenHash: [1], now: now, expiresAt: now.adding(seconds: 60), compose: Self.compose)
        _ = try await database.requestPasswordReset(email: "ada@x.org", tokenHash: [2], now: now, expiresAt: now.adding(seconds: 60), compose: Self.compose)
        let done = try await database.resetPassword(tokenHash: [1], passwordHash: "new", sessionHash: [7], now: now, sessionExpiresAt: now.adding(seconds: 3600))
        #expect(done?.id == user.id)
        #expect(try await database.user(tokenHash: [9], now: now) == nil)
        #expect(try await database.user(tokenHash: [7], now: now)?.passwordHash == "new")
        #expect(try await database.resetPassword(tokenHash: [1], passwordHash: "x", sessionHash: [8], now: now, sessionExpiresAt: now.adding(seconds: 3600)) == nil)
        #expect(try await database.resetPassword(tokenHash: [2], passwordHash: "x", sessionHash: [8], now: now, sessionExpiresAt: now.adding(seconds: 3600)) == nil)
        #expect(try await database.user(id: user.id)?.passwordHash == "new")
    }
}
