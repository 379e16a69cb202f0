import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Passwords (`PasswordStore`: a change, and recovery by a one-time reset link), held against every store: the embedded
/// SQLite one and the cluster's PostgreSQL one. An unknown address or a spent token writes nothing; a link used twice
/// at once (or two links of one person) resets once.
@Suite("password contract: SQLite and PostgreSQL")
struct PasswordContractTests {
    typealias Subject = AccountStore & PasswordStore & MailOutboxStore
    static let now = ProgramContractTests.now
    static let hour = now.adding(seconds: 3600)

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    static let compose: @Sendable (UserRecord, LocalizedText?) -> OutboxMail = { user, seminar in
        OutboxMail(kind: .passwordReset, recipient: user.email, userID: user.id, language: user.locale, fromName: seminar?.en ?? "none",
                   content: MailContent(subject: "Reset", text: "link", html: "link"))
    }

    static func ada(_ store: any Subject) async throws -> UserRecord {
        try await store.createUser(email: "ada@x.org", passwordHash: "old", displayName: "Ada", locale: .es, role: .participant, now: now)
    }

    @Test("a reset is asked for a known address only: its token stored and its mail queued together", arguments: StoreKinds.all)
    func request(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ada = try await Self.ada(store)
        #expect(try await !store.requestPasswordReset(email: "bob@x.org", tokenHash: [1], now: Self.now, expiresAt: Self.hour, compose: Self.compose))
        #expect(try await store.outbox().isEmpty)
        #expect(try await !store.passwordResetIsValid(tokenHash: [1], now: Self.now), "nothing stored for an unknown address")
        #expect(try await store.requestPasswordReset(email: "ADA@x.org", tokenHash: [2], now: Self.now, expiresAt: Self.hour, compose: Self.compose))
        let mails = try await store.outbox()
        #expect(mails.map(\.recipient) == [ada.email] && mails.map(\.kind) == ["password_reset"] && mails.map(\.status) == ["queued"])
        #expect(try await store.passwordResetIsValid(tokenHash: [2], now: Self.now))
        #expect(try await !store.passwordResetIsValid(tokenHash: [2], now: Self.hour))
        #expect(try await !store.passwordResetIsValid(tokenHash: [3], now: Self.now))
        await close()
    }

    @Test("a reset spends every token of the person, sets the password, ends their sessions and starts this one; a spent token does nothing",
          arguments: StoreKinds.all)
    func reset(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ada = try await Self.ada(store)
        try await store.createAuthSession(tokenHash: [9], user: ada.id, now: Self.now, expiresAt: Self.hour)
        _ = try await store.requestPasswordReset(email: "ada@x.org", tokenHash: [1], now: Self.now, expiresAt: Self.hour, compose: Self.compose)
        _ = try await store.requestPasswordReset(email: "ada@x.org", tokenHash: [2], now: Self.now, expiresAt: Self.hour, compose: Self.compose)
        _ = try await store.requestPasswordReset(email: "ada@x.org", tokenHash: [3], now: Self.now, expiresAt: Self.now.adding(seconds: 10),
                                                 compose: Self.compose)
        #expect(try await store.resetPassword(tokenHash: [3], passwordHash: "late", sessionHash: [6], now: Self.now.adding(seconds: 10),
                                              sessionExpiresAt: Self.hour) == nil, "expired")
        #expect(try await store.resetPassword(tokenHash: [4], passwordHash: "none", sessionHash: [6], now: Self.now, sessionExpiresAt: Self.hour) == nil)
        #expect(try await store.user(id: ada.id)?.passwordHash == "old")
        #expect(try await store.user(tokenHash: [6], now: Self.now) == nil)
        #expect(try await store.user(tokenHash: [9], now: Self.now)?.id == ada.id)

        let done = try await store.resetPassword(tokenHash: [1], passwordHash: "new", sessionHash: [7], now: Self.now, sessionExpiresAt: Self.hour)
        #expect(done?.id == ada.id && done?.email == "ada@x.org")
        #expect(try await store.user(tokenHash: [9], now: Self.now) == nil)
        #expect(try await store.user(tokenHash: [7], now: Self.now)?.passwordHash == "new")
        #expect(try await store.resetPassword(tokenHash: [1], passwordHash: "x", sessionHash: [8], now: Self.now, sessionExpiresAt: Self.hour) == nil)
        #expect(try await store.resetPassword(tokenHash: [2], passwordHash: "x", sessionHash: [8], now: Self.now, sessionExpiresAt: Self.hour) == nil)
        #expect(try await !store.passwordResetIsValid(tokenHash: [2], now: Self.now))
        #expect(try await store.user(id: ada.id)?.passwordHash == "new")
        #expect(try await store.user(tokenHash: [8], now: Self.now) == nil)
        await close()
    }

    @Test("a change of password ends every other session of the person, not theirs of others", arguments: StoreKinds.all)
    func change(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ada = try await Self.ada(store)
        let bob = try await person(store, "Bob")
        for hash in [[1], [2], [3]] as [[UInt8]] { try await store.createAuthSession(tokenHash: hash, user: ada.id, now: Self.now, expiresAt: Self.hour) }
        try await store.createAuthSession(tokenHash: [4], user: bob.id, now: Self.now, expiresAt: Self.hour)
        try await store.changePassword(user: ada.id, passwordHash: "changed", keep: [2])
        #expect(try await store.user(tokenHash: [1], now: Self.now) == nil)
        #expect(try await store.user(tokenHash: [3], now: Self.now) == nil)
        #expect(try await store.user(tokenHash: [2], now: Self.now)?.passwordHash == "changed")
        #expect(try await store.user(tokenHash: [4], now: Self.now)?.passwordHash == "-")
        await close()
    }

    @Test("at once: each link used four times resets once; four links of one person used together reset once", arguments: StoreKinds.all)
    func racing(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        var people: [UserRecord] = []
        for index in 0..<8 {
            let user = try await person(store, "P\(index)")
            people.append(user)
            for token in 0..<5 {
                _ = try await store.requestPasswordReset(email: user.email, tokenHash: [UInt8(index), UInt8(token)], now: Self.now, expiresAt: Self.hour,
                                                         compose: Self.compose)
            }
        }
        // Each person's first link, four times at once.
        let same = try await Self.resets(store, tokens: people.indices.flatMap { index in Array(repeating: [UInt8(index), 0], count: 4) })
        #expect(same.map(\.id).sorted() == people.map(\.id).sorted())
        var live = 0
        for index in 0..<32 where try await store.user(tokenHash: [50, UInt8(index)], now: Self.now) != nil { live += 1 }
        #expect(live == 8, "one new session for each reset")
        // Their other four links (all spent by the reset), and another round with new ones, each person's at once.
        #expect(try await Self.resets(store, tokens: people.indices.flatMap { index in (1..<5).map { [UInt8(index), UInt8($0)] } }).isEmpty)
        for (index, user) in people.enumerated() {
            for token in 5..<9 {
                _ = try await store.requestPasswordReset(email: user.email, tokenHash: [UInt8(index), UInt8(token)], now: Self.now, expiresAt: Self.hour,
                                                         compose: Self.compose)
            }
        }
        let different = try await Self.resets(store, tokens: people.indices.flatMap { index in (5..<9).map { [UInt8(index), UInt8($0)] } })
        #expect(different.map(\.id).sorted() == people.map(\.id).sorted())
        await close()
    }

    /// Uses each of `tokens` at once (the i-th starting session `[50, i]`); the resets that succeeded.
    static func resets(_ store: any Subject, tokens: [[UInt8]]) async throws -> [UserRecord] {
        try await withThrowingTaskGroup(of: UserRecord?.self) { group in
            for (index, token) in tokens.enumerated() {
                group.addTask {
                    try await store.resetPassword(tokenHash: token, passwordHash: "p\(index)", sessionHash: [50, UInt8(index)], now: Self.now,
                                                  sessionExpiresAt: Self.hour)
                }
            }
            return try await group.reduce(into: [UserRecord]()) { if let user = $1 { $0.append(user) } }
        }
    }
}
