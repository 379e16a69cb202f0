import Logging
import PostgresNIO
import SeminarCore
import SeminarStore
import Synchronization

/// The cluster's token buckets (the `rate_buckets` table), shared by every node: a person's tabs on two nodes, or
/// sign-ins spread over the nodes, draw on one allowance.
///
/// A take reads the key's row, lets Core's ``TokenBucket`` decide, and writes the row back only if it is still as read
/// (compare-and-set on its tokens and `at`): no transaction and no lock is held, and of two nodes taking the last
/// token at once one writes it, the other reads again and is refused. A refusal writes nothing: the tokens counted
/// later from the row as kept are the same. A row whose bucket is full again (`full_at` passed) is the same as no row,
/// so rows are deleted once that time is past (a node does so at most once a minute, after a take), and the table
/// holds only the buckets in use.
public final class PostgresRateBuckets: RateBucketStore {
    let database: PostgresDatabase
    /// When this node last deleted the full buckets (seconds, as takes' `now`).
    private let pruned = Mutex<Double>(0)
    /// How often a node deletes the buckets that are full again.
    private let pruneInterval: Double = 60
    /// A take that lost this many compare-and-sets in a row gives up (each loss is another take granted a token).
    private let attempts = 100

    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// Why a take gave up: other takes kept writing the key's row between this one's read and write.
    public struct Contended: Error, CustomStringConvertible {
        public let key: String
        public let attempts: Int
        public var description: String { "the rate bucket \(key) changed under each of \(attempts) tries" }
    }

    public func take(_ key: String, rate: Double, burst: Int, now: Double) async throws -> Int? {
        let logger = database.logger
        let wait: Int? = try await database.client.withConnection { connection in
            for _ in 0..<attempts {
                var kept: (tokens: Double, at: Double)?
                for try await row in try await connection.query("SELECT tokens, at FROM rate_buckets WHERE key = \(key)", logger: logger)
                    .decode((Double, Double).self) { kept = (tokens: row.0, at: row.1) }
                var bucket = kept.map { TokenBucket(rate: rate, burst: burst, tokens: $0.tokens, last: $0.at) }
                    ?? TokenBucket(rate: rate, burst: burst, now: now)
                if let wait = bucket.take(now: now) { return wait }
                let written: Bool
                if let kept {
                    written = try await connection.exists("""
                        UPDATE rate_buckets SET tokens = \(bucket.tokens), at = \(bucket.last), full_at = \(bucket.fullAt)
                        WHERE key = \(key) AND tokens = \(kept.tokens) AND at = \(kept.at) RETURNING 1
                        """, logger: logger)
                } else {
                    written = try await connection.exists("""
                        INSERT INTO rate_buckets (key, tokens, at, full_at) VALUES (\(key), \(bucket.tokens), \(bucket.last), \(bucket.fullAt))
                        ON CONFLICT (key) DO NOTHING RETURNING 1
                        """, logger: logger)
                }
                if written { return nil }
            }
            throw Contended(key: key, attempts: attempts)
        }
        if dueForPruning(now: now) {
            // The take is done; a failed clean-up is tried again a minute later.
            do { try await prune(now: now) } catch { logger.warning("rate buckets not pruned", metadata: ["error": "\(error)"]) }
        }
        return wait
    }

    /// Deletes the buckets that are full again at `now` (no row is the same as a full bucket); how many.
    @discardableResult
    public func prune(now: Double) async throws -> Int {
        let logger = database.logger
        return try await database.client.withConnection { connection in
            let deleted = try await connection.value("""
                WITH deleted AS (DELETE FROM rate_buckets WHERE full_at <= \(now) RETURNING 1) SELECT count(*) FROM deleted
                """, as: Int64.self, logger: logger)
            return Int(deleted ?? 0)
        }
    }

    private func dueForPruning(now: Double) -> Bool {
        pruned.withLock { last in
            guard abs(now - last) >= pruneInterval else { return false }
            last = now
            return true
        }
    }
}
