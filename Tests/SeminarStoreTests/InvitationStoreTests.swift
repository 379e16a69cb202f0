import Foundation
import GRDB
import SeminarCore
import SeminarStore
import Synchronization
import Testing

@Suite("invitations in the store: queued with the import, progress, resending")
struct InvitationStoreTests {
    let now = Timestamp(seconds: 2_000_000_000)

    static let compose: InvitationMail.Composer = { invitee, seminar in
        OutboxMail(kind: .invitation, recipient: invitee.email, userID: invitee.userID, language: invitee.language, fromName: seminar.name(in: invitee.language),
                   content: MailContent(subject: "Invitation", text: "link /api/link/\(invitee.token)", html: "<p>link</p>"))
    }

    func people(_ csv: String) throws -> [ImportedPerson] {
        try ParticipantImport.parse(csv, knownInterests: [:], existing: []).get()
    }

    func tokens(_ count: Int, _ seed: UInt8) -> [(token: String, hash: [UInt8])] {
        (0..<count).map { ("t\(seed)-\($0)", [seed, UInt8($0)]) }
    }

    @Test("an import with invitations queues one per new person, in their language, with their link; existing people get none")
    func importQueues() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.createUser(email: "old@x.org", passwordHash: "-", displayName: "Old", locale: .en, role: .participant, now: now)
        let reply = try await database.importParticipants(try people("email,name,languages\nana@x.org,Ana,fr\nold@x.org,Old,\nbo@x.org,Bo,es;en\n"),
                                                          tokens: tokens(3, 1), passwordHash: "-", linkHours: 72, by: nil, now: now, invite: Self.compose)
        #expect(reply.created == 2 && reply.invited == 2)
        let rows = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT recipient, kind, lang, body_text FROM mail_outbox ORDER BY id").map {
                [$0["recipient"] as String, $0["kind"], $0["lang"], $0["body_text"]]
            }
        }
        #expect(rows == [["ana@x.org", "invitation", "fr", "link /api/link/t1-0"], ["bo@x.org", "invitation", "es", "link /api/link/t1-2"]])
        let locales = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT locale FROM users ORDER BY id") }
        #expect(locales == ["en", "fr", "es"])
        let report = try await database.invitations(limit: 10)
        #expect(report.queued == 2 && report.sent == 0 && report.people.map(\.email) == ["bo@x.org", "ana@x.org"])
        #expect(report.neverSignedIn == 2, "the invited ones")
    }

    @Test("an import without invitations queues nothing")
    func importWithout() async throws {
        let database = try AppDatabase.inMemory()
        let reply = try await database.importParticipants(try people("email,name\nana@x.org,Ana\n"), tokens: tokens(1, 1), passwordHash: "-",
                                                          linkHours: 72, by: nil, now: now)
        #expect(reply.invited == 0)
        #expect(try await database.outbox().isEmpty)
    }

    @Test("resend: a new link (the old one stops working) to one person; refused, with nothing written, for someone who signed in")
    func resend() async throws {
        let database = try AppDatabase.inMemory()
        let reply = try await database.importParticipants(try people("email,name\nana@x.org,Ana\nbo@x.org,Bo\n"), tokens: tokens(2, 1),
                                                          passwordHash: "-", linkHours: 72, by: nil, now: now, invite: Self.compose)
        let ana = reply.accounts[0].userId, bo = reply.accounts[1].userId
        // Bo signs in with his link.
        #expect(try await database.consumeSignInLink(hash: [1, 1], now: now)?.email == "bo@x.org")
        let queued = try await database.resendInvitations(to: ana, newToken: { ("new", [9, 9]) }, linkHours: 72, by: UserID(bo),
                                                          now: now.adding(seconds: 10), compose: Self.compose)
        #expect(queued == 1)
        #expect(try await database.consumeSignInLink(hash: [1, 0], now: now.adding(seconds: 11)) == nil, "the first link no longer works")
        let before = try await database.outbox().count
        await #expect(throws: DomainError.self) {
            _ = try await database.resendInvitations(to: bo, newToken: { ("x", [8]) }, linkHours: 72, by: UserID(bo),
                                                     now: now.adding(seconds: 12), compose: Self.compose)
        }
        #expect(try await database.outbox().count == before)
        let report = try await database.invitations(limit: 10)
        #expect(report.people.first { $0.userId == bo }?.signedIn == true)
        #expect(report.people.first { $0.userId == ana }?.signedIn == false)
        #expect(try await database.consumeSignInLink(hash: [9, 9], now: now.adding(seconds: 13))?.email == "ana@x.org")
    }

    @Test("resend to all who never signed in reaches exactly them")
    func resendAll() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.createUser(email: "uninvited@x.org", passwordHash: "-", displayName: "U", locale: .en, role: .participant, now: now)
        let reply = try await database.importParticipants(try people("email,name\nana@x.org,Ana\nbo@x.org,Bo\ncy@x.org,Cy\n"), tokens: tokens(3, 1),
                                                          passwordHash: "-", linkHours: 72, by: nil, now: now, invite: Self.compose)
        _ = try await database.consumeSignInLink(hash: [1, 1], now: now)
        let counter = Counter()
        let queued = try await database.resendInvitations(to: nil, newToken: { let n = counter.next(); return ("n\(n)", [7, UInt8(n)]) },
                                                          linkHours: 72, by: UserID(reply.accounts[0].userId), now: now, compose: Self.compose)
        #expect(queued == 2)
        let recipients = try await database.outbox().suffix(2).map(\.recipient)
        #expect(recipients == ["ana@x.org", "cy@x.org"])
    }

    @Test("the outbox view: a failed mail with its text goes again; a failed invitation (its link wiped) is refused, nothing written")
    func retry() async throws {
        let database = try AppDatabase.inMemory()
        let reply = try await database.importParticipants(try people("email,name\nana@x.org,Ana\n"), tokens: tokens(1, 1), passwordHash: "-",
                                                          linkHours: 72, by: nil, now: now, invite: Self.compose)
        let ana = UserID(reply.accounts[0].userId)
        try await database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO mail_outbox(kind, recipient, user_id, lang, from_name, subject, body_text, body_html, created_at, next_attempt_at)
                VALUES ('meeting_requested', 'ana@x.org', ?, 'en', 'S', 'Notice', 't', 'h', ?, ?)
                """, arguments: [ana.rawValue, now.milliseconds, now.milliseconds])
        }
        for mail in try await database.claimDueMails(now: now, limit: 10, leaseSeconds: 60) {
            try await database.markMailFailed(mail, error: "550 no")
        }
        let view = try await database.outboxReport(status: "failed", limit: 10)
        #expect(view.failed == 2 && view.mails.map(\.retryable) == [true, false] && view.mails.map(\.kind) == ["meeting_requested", "invitation"])
        await #expect(throws: DomainError.self) { _ = try await database.retryFailedMails(id: view.mails[1].id, by: ana, now: now) }
        #expect(try await database.outboxReport(status: "queued", limit: 10).mails.isEmpty)
        #expect(try await database.retryFailedMails(id: nil, by: ana, now: now) == 1)
        let queued = try await database.outboxReport(status: "queued", limit: 10)
        #expect(queued.mails.map(\.subject) == ["Notice"] && queued.mails[0].attempts == 0 && queued.failed == 1)
    }
}

private final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
