/// Where token buckets by key are kept: the ones that count per person (`user:ID:class`) and the sign-in and password
/// reset ones (`addr:…`, `acct:…`, `reset:…`). The embedded server keeps them in its memory (``MemoryRateBuckets``); a
/// cluster keeps them in its database (`PostgresRateBuckets`), so that a person with tabs on two nodes, or sign-ins
/// spread over nodes, get one allowance, not one per node. The decision is Core's ``TokenBucket`` either way.
public protocol RateBucketStore: Sendable {
    /// Takes a token for `key` from its bucket of `rate` a second and at most `burst` saved up (a key seen for the first
    /// time starts full), at `now` (seconds): nil when allowed, else the milliseconds until a token is due.
    func take(_ key: String, rate: Double, burst: Int, now: Double) async throws -> Int?
}
