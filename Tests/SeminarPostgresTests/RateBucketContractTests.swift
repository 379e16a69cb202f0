import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The token buckets by key, held against both keepers: the embedded server's memory and the cluster's table, which two
/// nodes share. Time is passed in: nothing here sleeps.
@Suite("rate buckets, in memory and on PostgreSQL")
struct RateBucketContractTests {
    static let kinds = ["memory", "postgres"]

    /// Fresh buckets of `kind`, and how to end them.
    static func make(_ kind: String) async throws -> (buckets: any RateBucketStore, close: @Sendable () async -> Void) {
        guard kind == "postgres" else { return (MemoryRateBuckets(), {}) }
        let url = try await TestPostgres.freshDatabase()
        let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        return (PostgresRateBuckets(database: database), {
            database.close()
            await TestPostgres.drop(url)
        })
    }

    @Test("a burst, then refused with the wait for the next token; refilled as time passes, never above the burst", arguments: kinds)
    func burstAndRefill(kind: String) async throws {
        let (buckets, close) = try await Self.make(kind)
        var waits: [Int?] = []
        for _ in 0..<4 { waits.append(try await buckets.take("user:1:write", rate: 2, burst: 3, now: 100)) }
        #expect(waits == [nil, nil, nil, 500])
        #expect(try await buckets.take("user:1:write", rate: 2, burst: 3, now: 100.25) == 250)
        #expect(try await buckets.take("user:1:write", rate: 2, burst: 3, now: 100.5) == nil)
        #expect(try await buckets.take("user:1:write", rate: 2, burst: 3, now: 100.5) == 500)
        // Another key has its own bucket.
        #expect(try await buckets.take("user:2:write", rate: 2, burst: 3, now: 100.5) == nil)
        waits = []
        for _ in 0..<4 { waits.append(try await buckets.take("user:1:write", rate: 2, burst: 3, now: 1_000)) }
        #expect(waits == [nil, nil, nil, 500])
        await close()
    }

    /// Two nodes' buckets on one fresh database, each with its own pool, and how to end them.
    static func twoNodes() async throws -> (a: PostgresRateBuckets, b: PostgresRateBuckets, close: @Sendable () async -> Void) {
        let url = try await TestPostgres.freshDatabase()
        let first = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        let second = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        return (PostgresRateBuckets(database: first), PostgresRateBuckets(database: second), {
            first.close()
            second.close()
            await TestPostgres.drop(url)
        })
    }

    @Test("two nodes on one database draw on one allowance: what one took, the other cannot")
    func twoNodesShare() async throws {
        let (a, b, close) = try await Self.twoNodes()
        #expect(try await a.take("addr:203.0.113.9", rate: 1, burst: 3, now: 50) == nil)
        #expect(try await b.take("addr:203.0.113.9", rate: 1, burst: 3, now: 50) == nil)
        #expect(try await a.take("addr:203.0.113.9", rate: 1, burst: 3, now: 50) == nil)
        #expect(try await b.take("addr:203.0.113.9", rate: 1, burst: 3, now: 50) == 1_000)
        #expect(try await a.take("addr:203.0.113.9", rate: 1, burst: 3, now: 50.5) == 500)
        // Refilled for both: one token a second.
        #expect(try await b.take("addr:203.0.113.9", rate: 1, burst: 3, now: 51) == nil)
        #expect(try await a.take("addr:203.0.113.9", rate: 1, burst: 3, now: 51) == 1_000)
        await close()
    }

    @Test("forty takes at once on two nodes hand out the burst and no more; the others are told to wait")
    func concurrentTakes() async throws {
        let (a, b, close) = try await Self.twoNodes()
        let nodes = [a, b]
        for round in 0..<3 {
            let now = 10.0 + Double(round) * 1_000
            let waits = try await withThrowingTaskGroup(of: Int?.self) { group in
                for n in 0..<40 {
                    group.addTask { try await nodes[n % 2].take("user:7:write", rate: 0.01, burst: 5, now: now) }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(waits.count(where: { $0 == nil }) == 5, "round \(round): \(waits)")
            #expect(waits.compactMap { $0 }.allSatisfy { $0 > 0 })
        }
        await close()
    }

    @Test("the table keeps only buckets not yet full again: pruning forgets the others, which then start full as before")
    func pruning() async throws {
        let url = try await TestPostgres.freshDatabase()
        let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
        let buckets = PostgresRateBuckets(database: database)
        #expect(try await buckets.take("acct:ana@example.org", rate: 1, burst: 2, now: 1_000) == nil)  // full again at 1,001
        #expect(try await buckets.take("reset:ana@example.org", rate: 0.001, burst: 1, now: 1_000) == nil)  // at 2,000
        #expect(try await TestPostgres.count("SELECT count(*) FROM rate_buckets", on: url) == 2)
        #expect(try await buckets.prune(now: 1_500) == 1)
        #expect(try await TestPostgres.count("SELECT count(*) FROM rate_buckets", on: url) == 1)
        #expect(try await buckets.take("reset:ana@example.org", rate: 0.001, burst: 1, now: 1_500) == 500_000)
        #expect(try await buckets.take("acct:ana@example.org", rate: 1, burst: 2, now: 1_500) == nil)
        #expect(try await buckets.take("acct:ana@example.org", rate: 1, burst: 2, now: 1_500) == nil)
        #expect(try await buckets.take("acct:ana@example.org", rate: 1, burst: 2, now: 1_500) == 1_000)
        // A node prunes by itself once a minute, after a take.
        #expect(try await buckets.take("addr:198.51.100.1", rate: 1, burst: 1, now: 3_000) == nil)
        #expect(try await TestPostgres.count("SELECT count(*) FROM rate_buckets", on: url) == 1)
        database.close()
        await TestPostgres.drop(url)
    }
}
