import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Synchronization
import Testing

/// Mail seen from the console and from each person (`MailingStore`: invitations and resending, the outbox report and
/// retries, digests, preferences, server keys), held against every store: the embedded SQLite one and the cluster's
/// PostgreSQL one. A refusal writes nothing; what two nodes do at once (resend, retry, a day's digest, a new key) ends
/// as one.
@Suite("mailing contract: SQLite and PostgreSQL")
struct MailingContractTests {
    typealias Subject = AccountStore & ProgramStore & ConsoleStore & MailingStore & EventLogStore & MailOutboxStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static let compose = ConsoleContractTests.compose

    static let digest: DigestMail.Composer = { person, items, seminar in
        OutboxMail(kind: .digest, recipient: person.email, userID: person.id, language: person.language, fromName: seminar.name(in: person.language),
                   content: MailContent(subject: "Digest", text: items.map { "\($0.start.milliseconds)" }.joined(separator: ","), html: "-"))
    }

    /// Imports `csv` with invitations; the accounts in its order.
    static func invite(_ store: any Subject, _ csv: String) async throws -> [UserID] {
        try await store.importParticipants(try ConsoleContractTests.people(csv), tokens: ConsoleContractTests.tokens(20, 1), passwordHash: "-",
                                           linkHours: 72, by: nil, now: now, invite: compose).accounts.map { UserID($0.userId) }
    }

    @Test("invitations: the latest of each invited person; a resend makes a new link (the old one stops working), refused for one who signed in",
          arguments: StoreKinds.all)
    func resend(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let people = try await Self.invite(store, "email,name,languages\nana@x.org,Ana,fr\nbo@x.org,Bo,\n")
        let (ana, bo) = (people[0], people[1])
        let first = try await store.invitations(limit: 10)
        #expect(first.queued == 2 && first.sent == 0 && first.failed == 0 && first.neverSignedIn == 2)
        #expect(first.people.map(\.email) == ["bo@x.org", "ana@x.org"] && first.people.allSatisfy { !$0.signedIn && $0.status == "queued" })
        #expect(first.people[0].queuedAt == Self.now && first.people[0].displayName == "Bo" && first.people[0].attempts == 0)

        #expect(try await store.consumeSignInLink(hash: [1, 1], now: Self.now)?.id == bo)
        let queued = try await store.resendInvitations(to: ana.rawValue, newToken: { ("new", [9, 9]) }, linkHours: 72, by: organiser.id,
                                                       now: Self.now.adding(seconds: 10), compose: Self.compose)
        #expect(queued == 1)
        let mails = try await store.outbox()
        #expect(mails.count == 3 && mails.last?.recipient == "ana@x.org")
        #expect(try await store.consumeSignInLink(hash: [1, 0], now: Self.now.adding(seconds: 11)) == nil, "the first link no longer works")

        let topics: [Topic] = [.user(bo), .user(organiser.id)]
        let before = try await heads(store, topics)
        #expect(await refusal {
            try await store.resendInvitations(to: bo.rawValue, newToken: { ("x", [8]) }, linkHours: 72, by: organiser.id, now: Self.now, compose: Self.compose)
        } == .conflict)
        #expect(await refusal {
            try await store.resendInvitations(to: 999_999, newToken: { ("x", [8]) }, linkHours: 72, by: organiser.id, now: Self.now, compose: Self.compose)
        } == .notFound)
        #expect(try await store.outbox().count == 3)
        #expect(try await heads(store, topics) == before)
        #expect(try await store.auditPage(before: nil, limit: 10, language: .en).records.map(\.target) == ["person \(ana.rawValue)", "2 people"])
        let report = try await store.invitations(limit: 10)
        #expect(report.people.map(\.userId) == [ana.rawValue, bo.rawValue] && report.people.map(\.signedIn) == [false, true])
        #expect(report.neverSignedIn == 1 && report.queued == 2)
        #expect(try await store.invitations(limit: 1).people.count == 1)
        #expect(try await store.consumeSignInLink(hash: [9, 9], now: Self.now.adding(seconds: 13))?.id == ana)
        await close()
    }

    @Test("resend to all reaches exactly the invited who never signed in", arguments: StoreKinds.all)
    func resendAll(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        _ = try await Self.invite(store, "email,name\nana@x.org,Ana\nbo@x.org,Bo\ncy@x.org,Cy\n")
        _ = try await store.consumeSignInLink(hash: [1, 1], now: Self.now)
        let counter = Mutex(0)
        let queued = try await store.resendInvitations(to: nil, newToken: { let n = counter.withLock { $0 += 1; return $0 }; return ("n\(n)", [7, UInt8(n)]) },
                                                       linkHours: 72, by: organiser.id, now: Self.now, compose: Self.compose)
        #expect(queued == 2)
        #expect(try await store.outbox().suffix(2).map(\.recipient) == ["ana@x.org", "cy@x.org"])
        #expect(try await store.consumeSignInLink(hash: [1, 2], now: Self.now) == nil)
        #expect(try await store.consumeSignInLink(hash: [7, 2], now: Self.now)?.email == "cy@x.org")
        await close()
    }

    @Test("at once: four resends to each person leave each one live link", arguments: StoreKinds.all)
    func racingResend(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let people = try await Self.invite(store, "email,name\n" + (0..<8).map { "p\($0)@x.org,P\n" }.joined())
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (person, id) in people.enumerated() {
                for attempt in 0..<4 {
                    group.addTask {
                        try await store.resendInvitations(to: id.rawValue, newToken: { ("r", [5, UInt8(person), UInt8(attempt)]) }, linkHours: 72,
                                                          by: organiser.id, now: Self.now, compose: Self.compose)
                    }
                }
            }
            for try await queued in group { #expect(queued == 1) }
        }
        for (person, id) in people.enumerated() {
            var live: [UserID] = []
            for attempt in 0..<4 {
                if let user = try await store.consumeSignInLink(hash: [5, UInt8(person), UInt8(attempt)], now: Self.now) { live.append(user.id) }
            }
            #expect(live == [id], "one live link for person \(person)")
        }
        await close()
    }

    @Test("the outbox report; a failed mail goes again, a failed invitation (its link wiped) is refused with nothing written",
          arguments: StoreKinds.all)
    func retry(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        let ana = try await Self.invite(store, "email,name\nana@x.org,Ana\n")[0]
        try await store.queueMail(OutboxMail(kind: .announcement, recipient: "ana@x.org", userID: ana, language: .en, fromName: "S",
                                             content: MailContent(subject: "Notice", text: "t", html: "h")), now: Self.now)
        try await store.queueMail(OutboxMail(kind: .announcement, recipient: "bo@x.org", userID: nil, language: .en, fromName: "S",
                                             content: MailContent(subject: "Later", text: "t", html: "h")), now: Self.now.adding(seconds: 600))
        for mail in try await store.claimDueMails(now: Self.now, limit: 10, leaseSeconds: 60) { try await store.markMailFailed(mail, error: "550 no") }

        let all = try await store.outboxReport(status: nil, limit: 10)
        #expect(all.queued == 1 && all.sent == 0 && all.failed == 2 && all.mails.map(\.subject) == ["Later", "Notice", "Invitation"])
        let failed = try await store.outboxReport(status: "failed", limit: 10)
        #expect(failed.mails.map(\.retryable) == [true, false] && failed.mails.map(\.kind) == ["announcement", "invitation"])
        #expect(failed.mails.first?.error == "550 no" && failed.mails.first?.attempts == 1 && failed.mails.first?.sentAt == nil)
        #expect(try await store.outboxReport(status: "failed", limit: 1).mails.count == 1)
        let claimed = try await store.claimDueMails(now: Self.now.adding(seconds: 600), limit: 10, leaseSeconds: 60)
        #expect(try await store.outboxReport(status: "queued", limit: 10).mails.map(\.status) == ["queued"], "one being sent is listed as queued")
        try await store.markMailSent(try #require(claimed.first), now: Self.now.adding(seconds: 601))
        #expect(try await store.outboxReport(status: "sent", limit: 10).mails.map { $0.sentAt } == [Self.now.adding(seconds: 601)])

        let invitation = failed.mails[1].id, notice = failed.mails[0].id
        #expect(await refusal { try await store.retryFailedMails(id: invitation, by: organiser.id, now: Self.now) } == .conflict)
        #expect(await refusal { try await store.retryFailedMails(id: MailID(999_999), by: organiser.id, now: Self.now) } == .notFound)
        #expect(try await store.outboxReport(status: "queued", limit: 10).mails.isEmpty)
        #expect(try await store.retryFailedMails(id: notice, by: organiser.id, now: Self.now) == 1)
        #expect(await refusal { try await store.retryFailedMails(id: notice, by: organiser.id, now: Self.now) } == .conflict)
        let queued = try await store.outboxReport(status: "queued", limit: 10)
        #expect(queued.mails.map(\.subject) == ["Notice"] && queued.mails[0].attempts == 0 && queued.failed == 1)
        #expect(try await store.retryFailedMails(id: nil, by: organiser.id, now: Self.now) == 0, "the invitation stays failed")
        #expect(try await store.auditPage(before: nil, limit: 1, language: .en).records.first?.target == "every failed mail")
        await close()
    }

    @Test("at once: four retries of each failed mail queue it once and are refused three times", arguments: StoreKinds.all)
    func racingRetry(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let organiser = try await person(store, "Organiser", role: .organiser)
        for index in 0..<8 {
            try await store.queueMail(OutboxMail(kind: .announcement, recipient: "p\(index)@x.org", userID: nil, language: .en, fromName: "S",
                                                 content: MailContent(subject: "Notice", text: "t", html: "h")), now: Self.now)
        }
        let mails = try await store.claimDueMails(now: Self.now, limit: 10, leaseSeconds: 60)
        for mail in mails { try await store.markMailFailed(mail, error: "550 no") }
        let outcomes = await withTaskGroup(of: ErrorCode?.self) { group in
            for mail in mails {
                for _ in 0..<4 { group.addTask { await refusal { try await store.retryFailedMails(id: mail.id, by: organiser.id, now: Self.now) } } }
            }
            return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
        }
        #expect(mails.count == 8 && outcomes.filter { $0 == nil }.count == 8 && outcomes.filter { $0 == .conflict }.count == 24)
        #expect(try await store.outboxReport(status: "queued", limit: 10).mails.count == 8)
        await close()
    }

    @Test("a day's digest is queued once, each person's sessions of the day, even when two nodes queue it at once", arguments: StoreKinds.all)
    func digests(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let ana = try await person(store, "Ana")
        let bo = try await person(store, "Bo")
        let cy = try await person(store, "Cy")
        let sessions = try await store.program(for: nil).sessions
        try await store.bookmark(session: sessions[1].id, user: ana.id, now: Self.now)
        try await store.bookmark(session: sessions[0].id, user: ana.id, now: Self.now)
        try await store.bookmark(session: sessions[2].id, user: bo.id, now: Self.now)
        try await store.bookmark(session: sessions[0].id, user: cy.id, now: Self.now)
        _ = try await store.setMailTopic(.digest, on: false, for: cy.id)
        let day = sessions[0].startsAt.milliseconds - sessions[0].startsAt.milliseconds % 86_400_000
        let (from, to) = (Timestamp(milliseconds: day), Timestamp(milliseconds: day + 86_400_000))

        #expect(try await store.queueDigests(day: "first", from: from, to: to, now: Self.now, compose: Self.digest) == 1, "Cy turned digests off")
        #expect(try await store.queueDigests(day: "first", from: from, to: to, now: Self.now, compose: Self.digest) == 0)
        let mails = try await store.outbox()
        #expect(mails.map(\.recipient) == [ana.email] && mails.map(\.kind) == ["digest"])

        let next = (Timestamp(milliseconds: day + 86_400_000), Timestamp(milliseconds: day + 2 * 86_400_000))
        let queued = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await store.queueDigests(day: "second", from: next.0, to: next.1, now: Self.now, compose: Self.digest) } }
            return try await group.reduce(0, +)
        }
        #expect(queued == 1)
        #expect(try await store.outbox().map(\.recipient) == [ana.email, bo.email])
        await close()
    }

    @Test("mail preferences: a topic off and on again; nobody's are nil", arguments: StoreKinds.all)
    func preferences(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana")
        #expect(try await store.mailPreferences(of: ana.id) == MailPreferences())
        #expect(try await store.setMailTopic(.meetings, on: false, for: ana.id) == MailPreferences(off: [.meetings]))
        #expect(try await store.setMailTopic(.meetings, on: false, for: ana.id) == MailPreferences(off: [.meetings]))
        #expect(try await store.setMailTopic(.desk, on: false, for: ana.id) == MailPreferences(off: [.meetings, .desk]))
        #expect(try await store.setMailTopic(.meetings, on: true, for: ana.id) == MailPreferences(off: [.desk]))
        #expect(try await store.mailPreferences(of: ana.id) == MailPreferences(off: [.desk]))
        #expect(try await store.setMailTopic(.desk, on: false, for: UserID(999_999)) == nil)
        #expect(try await store.mailPreferences(of: UserID(999_999)) == MailPreferences())
        await close()
    }

    @Test("a server key is made once and kept, whichever of many asking at once comes first", arguments: StoreKinds.all)
    func serverKeys(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        #expect(try await store.serverKey(named: "unsubscribe", make: { [1, 2, 3] }) == [1, 2, 3])
        #expect(try await store.serverKey(named: "unsubscribe", make: { [9] }) == [1, 2, 3])
        let keys = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<6 { group.addTask { try await store.serverKey(named: "other", make: { [UInt8(index), 0, 255] }) } }
            return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
        }
        #expect(keys.count == 1 && keys.first?.suffix(2) == [0, 255])
        #expect(try await store.serverKey(named: "other", make: { [7] }) == keys.first)
        await close()
    }
}
