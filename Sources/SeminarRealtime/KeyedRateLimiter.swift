import SeminarCore
import Synchronization

/// Token buckets by key (a user, an address, an account), shared by all connections.
public final class KeyedRateLimiter: Sendable {
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let rate: Double
    private let burst: Int
    /// Above this many keys the table is cleared, so memory stays bounded.
    private let maxKeys = 100_000

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }

    /// Takes a token for `key` at `now` (seconds); nil when allowed, else the milliseconds to wait.
    public func take(_ key: String, now: Double) -> Int? {
        buckets.withLock { buckets in
            if buckets.count >= maxKeys, buckets[key] == nil {
                // A flood of distinct keys: start afresh rather than grow without bound.
                buckets.removeAll(keepingCapacity: true)
            }
            var bucket = buckets[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            let wait = bucket.take(now: now)
            buckets[key] = bucket
            return wait
        }
    }
}
