import Logging
import SeminarCore
import SeminarStore

/// One rate limit counted by key in the node's rate buckets (the cluster's when on PostgreSQL, see ``NodeStore``):
/// sign-ins per address and per account, password resets per address typed, a class's sends per person.
struct KeyedRateLimit: Sendable {
    let rate: Double
    let burst: Int
    let buckets: any RateBucketStore
    let logger: Logger

    /// Takes a token for `key` at `now` (seconds); nil when allowed, else the milliseconds to wait.
    ///
    /// Fails open: when the database cannot answer, the request goes through (and the failure is logged). A limit is a
    /// brake on floods, not a lock: a database hiccup must not stop everyone sending or signing in, and for sends a
    /// socket's own bucket (in memory, checked first) still holds each connection back.
    func take(_ key: String, now: Double) async -> Int? {
        do {
            return try await buckets.take(key, rate: rate, burst: burst, now: now)
        } catch {
            logger.error("rate limit not checked: the buckets did not answer; allowed", metadata: ["key": "\(key)", "error": "\(error)"])
            return nil
        }
    }
}
