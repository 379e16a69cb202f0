import SeminarCore
import Synchronization

/// The embedded server's token buckets: in this process's memory, one table per bucket shape (rate and burst), so a
/// flood of keys of one kind (sign-ins from made-up accounts) never clears another kind's (people's messages).
public final class MemoryRateBuckets: RateBucketStore {
    private struct Shape: Hashable {
        let rate: Double
        let burst: Int
    }

    private let tables = Mutex<[Shape: [String: TokenBucket]]>([:])
    /// Above this many keys in one table the table is cleared, so memory stays bounded.
    private let maxKeys: Int

    public init(maxKeys: Int = 100_000) {
        self.maxKeys = maxKeys
    }

    public func take(_ key: String, rate: Double, burst: Int, now: Double) -> Int? {
        let shape = Shape(rate: rate, burst: burst)
        return tables.withLock { tables in
            if tables[shape, default: [:]].count >= maxKeys, tables[shape]?[key] == nil {
                // A flood of distinct keys: start afresh rather than grow without bound.
                tables[shape]?.removeAll(keepingCapacity: true)
            }
            var bucket = tables[shape]?[key] ?? TokenBucket(rate: rate, burst: burst, now: now)
            let wait = bucket.take(now: now)
            tables[shape, default: [:]][key] = bucket
            return wait
        }
    }
}
