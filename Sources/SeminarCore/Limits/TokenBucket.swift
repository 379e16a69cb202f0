/// A token bucket: `rate` tokens a second, at most `burst` saved up. Time is passed in, so it is pure.
public struct TokenBucket: Sendable {
    public let rate: Double
    public let burst: Double
    private var tokens: Double
    private var last: Double

    public init(rate: Double, burst: Int, now: Double) {
        self.rate = rate
        self.burst = Double(burst)
        self.tokens = Double(burst)
        self.last = now
    }

    /// Takes one token at `now` (seconds). Returns nil when allowed, or the milliseconds until a token is due.
    public mutating func take(now: Double) -> Int? {
        if now > last {
            tokens = min(burst, tokens + (now - last) * rate)
            last = now
        }
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        let wait = (1 - tokens) / rate
        return max(1, Int((wait * 1000).rounded(.up)))
    }
}
