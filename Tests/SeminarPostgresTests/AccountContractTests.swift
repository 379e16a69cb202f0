import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Accounts and sign-in sessions (`AccountStore`), held against every store: the embedded SQLite one and the cluster's
/// PostgreSQL one (a real server: see `TestPostgres`).
@Suite("account contract: SQLite and PostgreSQL")
struct AccountContractTests {
    static let kinds = StoreKinds.all
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    /// A fresh store of `kind`, and how to end it.
    static func make(_ kind: String) async throws -> (store: any AccountStore, close: @Sendable () async -> Void) {
        try await StoreKinds.make(kind, postgres: { PostgresAccounts(database: $0) as any AccountStore }, sqlite: { try AppDatabase.inMemory() })
    }

    static func create(_ store: any AccountStore, _ email: String, name: String = "Ana", role: Role = .participant) async throws -> UserRecord {
        try await store.createUser(email: email, passwordHash: "hash", displayName: name, locale: .es, role: role, now: now)
    }

    @Test("an account is found by id and by email whatever its case; an email is taken whatever its case", arguments: kinds)
    func accounts(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.create(store, "Ana@X.org", role: .host)
        #expect(ana.email == "Ana@X.org" && ana.displayName == "Ana" && ana.locale == .es && ana.role == .host && ana.passwordHash == "hash")
        #expect(try await store.user(id: ana.id) == ana)
        #expect(try await store.user(email: "ana@x.ORG") == ana)
        #expect(try await store.user(email: "bo@x.org") == nil)
        #expect(try await store.user(id: UserID(ana.id.rawValue + 1)) == nil)
        #expect(await refusal { try await Self.create(store, "ANA@x.org", name: "Other") } == .conflict)
        let bo = try await Self.create(store, "bo@x.org", name: "Bo")
        #expect(bo.id != ana.id && bo.role == .participant)
        await close()
    }

    @Test("two creations of one email at once make one account; the other is refused", arguments: kinds)
    func racingCreations(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let outcomes = await withTaskGroup(of: ErrorCode?.self) { group in
            for n in 0..<4 { group.addTask { await refusal { try await Self.create(store, n % 2 == 0 ? "cy@x.org" : "CY@x.org") } } }
            return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == .conflict }.count == 3)
        await close()
    }

    @Test("a session's token signs its person in until it expires or is deleted; expired sessions go", arguments: kinds)
    func sessions(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await Self.create(store, "ana@x.org")
        let token: [UInt8] = Array(repeating: 7, count: 32)
        try await store.createAuthSession(tokenHash: token, user: ana.id, now: Timestamp(seconds: 100), expiresAt: Timestamp(seconds: 200))
        #expect(try await store.user(tokenHash: token, now: Timestamp(seconds: 150)) == ana)
        #expect(try await store.user(tokenHash: token, now: Timestamp(seconds: 200)) == nil)
        #expect(try await store.user(tokenHash: [1, 2, 3], now: Timestamp(seconds: 150)) == nil)
        try await store.deleteAuthSession(tokenHash: token)
        #expect(try await store.user(tokenHash: token, now: Timestamp(seconds: 150)) == nil)
        // A new session clears the expired ones: the old token stays dead even at an earlier clock.
        try await store.createAuthSession(tokenHash: token, user: ana.id, now: Timestamp(seconds: 100), expiresAt: Timestamp(seconds: 150))
        try await store.createAuthSession(tokenHash: [9], user: ana.id, now: Timestamp(seconds: 160), expiresAt: Timestamp(seconds: 400))
        #expect(try await store.user(tokenHash: token, now: Timestamp(seconds: 120)) == nil)
        #expect(try await store.user(tokenHash: [9], now: Timestamp(seconds: 300)) == ana)
        await close()
    }
}
