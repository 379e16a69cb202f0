import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The mail outbox (`MailOutboxStore`), held against every store: the embedded SQLite one and the cluster's PostgreSQL
/// one, where every node's sender claims from one outbox and each mail must still go once.
@Suite("mail outbox contract: SQLite and PostgreSQL")
struct MailOutboxContractTests {
    static let kinds = StoreKinds.all
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func make(_ kind: String) async throws -> (store: any MailOutboxStore, close: @Sendable () async -> Void) {
        try await StoreKinds.make(kind, postgres: { PostgresMailOutbox(database: $0) as any MailOutboxStore }, sqlite: { try AppDatabase.inMemory() })
    }

    static func mail(_ n: Int, kind: MailKind = .announcement, to recipient: String? = nil) -> OutboxMail {
        OutboxMail(kind: kind, recipient: recipient ?? "p\(n)@example.org", userID: nil, language: .fr, fromName: "Séminaire",
                   content: MailContent(subject: "Sujet \(n)", text: "Texte \(n)", html: "<p>Texte \(n)</p>"),
                   headers: [MailHeader(name: "List-Unsubscribe", value: "<https://x/\(n)>")],
                   attachments: n == 1 ? [MailAttachment(filename: "a.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR")] : [])
    }

    @Test("a queued mail comes back as it went in; an address no mail reaches is not queued", arguments: kinds)
    func queue(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        #expect(try await store.queueMail(Self.mail(1), now: Self.now))
        #expect(try await !store.queueMail(Self.mail(2, to: "demo@example.invalid"), now: Self.now))
        let claimed = try await store.claimDueMails(now: Self.now, limit: 10, leaseSeconds: 60)
        #expect(claimed.count == 1)
        let mail = try #require(claimed.first)
        #expect(mail.kind == .announcement && mail.recipient == "p1@example.org" && mail.fromName == "Séminaire" && mail.subject == "Sujet 1")
        #expect(mail.text == "Texte 1" && mail.html == "<p>Texte 1</p>" && mail.attempts == 1 && mail.createdAt == Self.now)
        #expect(mail.headers == [MailHeader(name: "List-Unsubscribe", value: "<https://x/1>")])
        #expect(mail.attachments.map(\.filename) == ["a.ics"])
        #expect(try await store.outbox().map(\.status) == ["sending"])
        await close()
    }

    @Test("senders claiming at once never share a mail, and together take them all, in the order they fell due", arguments: kinds)
    func concurrentSenders(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        for n in 1...40 { try await store.queueMail(Self.mail(n), now: Self.now.adding(seconds: Int64(n))) }
        let claims = try await withThrowingTaskGroup(of: [QueuedMail].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var mine: [QueuedMail] = []
                    while case let batch = try await store.claimDueMails(now: Self.now.adding(seconds: 100), limit: 3, leaseSeconds: 600), !batch.isEmpty {
                        #expect(batch.map(\.id) == batch.map(\.id).sorted())
                        mine += batch
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[QueuedMail]]()) { $0.append($1) }
        }
        let ids = claims.flatMap { $0.map(\.id) }
        #expect(ids.count == 40 && Set(ids).count == 40)
        #expect(claims.flatMap { $0 }.allSatisfy { $0.attempts == 1 })
        await close()
    }

    @Test("a claim whose lease ran out is taken again, and the late sender's mark is ignored", arguments: kinds)
    func leases(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.queueMail(Self.mail(1, kind: .invitation), now: Self.now)
        let first = try await store.claimDueMails(now: Self.now, limit: 5, leaseSeconds: 100)
        #expect(try await store.claimDueMails(now: Self.now.adding(seconds: 99), limit: 5, leaseSeconds: 100).isEmpty)
        #expect(try await store.nextMailDue() == Self.now.adding(seconds: 100))
        let second = try await store.claimDueMails(now: Self.now.adding(seconds: 100), limit: 5, leaseSeconds: 100)
        #expect(second.map(\.id) == first.map(\.id) && second.map(\.attempts) == [2])
        try await store.markMailSent(try #require(first.first), now: Self.now.adding(seconds: 101))
        #expect(try await store.outbox().map(\.status) == ["sending"])  // not the first sender's any more
        try await store.markMailSent(try #require(second.first), now: Self.now.adding(seconds: 102))
        #expect(try await store.outbox().map(\.status) == ["sent"])
        #expect(try await store.nextMailDue() == nil)
        #expect(try await store.claimDueMails(now: Self.now.adding(seconds: 10_000), limit: 5, leaseSeconds: 100).isEmpty)
        await close()
    }

    @Test("a retry waits for its time; a failure stays failed with its reason", arguments: kinds)
    func retriesAndFailures(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.queueMail(Self.mail(1), now: Self.now)
        try await store.queueMail(Self.mail(2), now: Self.now)
        let claimed = try await store.claimDueMails(now: Self.now, limit: 5, leaseSeconds: 60)
        try await store.markMailRetry(claimed[0], at: Self.now.adding(seconds: 500), error: "451 try later")
        try await store.markMailFailed(claimed[1], error: "550 no such user")
        let outbox = try await store.outbox()
        #expect(outbox.map(\.status) == ["queued", "failed"])
        #expect(outbox.map(\.lastError) == ["451 try later", "550 no such user"])
        #expect(outbox[0].nextAttemptAt == Self.now.adding(seconds: 500))
        #expect(try await store.claimDueMails(now: Self.now.adding(seconds: 499), limit: 5, leaseSeconds: 60).isEmpty)
        #expect(try await store.claimDueMails(now: Self.now.adding(seconds: 500), limit: 5, leaseSeconds: 60).map(\.attempts) == [2])
        await close()
    }
}
