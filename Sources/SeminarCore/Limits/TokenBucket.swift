/// A token bucket: `rate` tokens a second, at most `burst` saved up. Time is passed in, so it is pure.
public struct TokenBucket: Sendable {
    public let rate: Double
    public let burst: Double
    /// The tokens saved up as of `last`.
    public private(set) var tokens: Double
    /// When the tokens were last counted (seconds).
    public private(set) var last: Double

    public init(rate: Double, burst: Int, now: Double) {
        self.rate = rate
        self.burst = Double(burst)
        self.tokens = Double(burst)
        self.last = now
    }

    /// A bucket as a store kept it (`tokens` as of `last`); more than `burst` (the limit was lowered since) is `burst`.
    public init(rate: Double, burst: Int, tokens: Double, last: Double) {
        self.rate = rate
        self.burst = Double(burst)
        self.tokens = min(Double(burst), tokens)
        self.last = last
    }

    /// When the bucket is full again if nothing more is taken. From then on it is the same as a new one, so a store
    /// may forget it.
    public var fullAt: Double {
        last + max(0, burst - tokens) / rate
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
