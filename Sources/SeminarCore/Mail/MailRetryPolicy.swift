/// When a mail that was not delivered is tried again: exponential back-off from `firstDelaySeconds`, doubling up to
/// `maxDelaySeconds`; a permanent failure (5xx) or the `maxAttempts`th failure ends it.
public struct MailRetryPolicy: Sendable, Equatable {
    public var firstDelaySeconds: Int
    public var maxDelaySeconds: Int
    public var maxAttempts: Int

    public init(firstDelaySeconds: Int = 60, maxDelaySeconds: Int = 6 * 3600, maxAttempts: Int = 10) {
        self.firstDelaySeconds = max(1, firstDelaySeconds)
        self.maxDelaySeconds = max(self.firstDelaySeconds, maxDelaySeconds)
        self.maxAttempts = max(1, maxAttempts)
    }

    public enum Decision: Sendable, Equatable {
        case retry(at: Timestamp)
        case fail
    }

    /// After the `attempts`th attempt (counting this one) failed at `now`.
    public func afterFailure(attempts: Int, permanent: Bool, now: Timestamp) -> Decision {
        if permanent || attempts >= maxAttempts { return .fail }
        return .retry(at: now.adding(seconds: Int64(delay(afterAttempt: attempts))))
    }

    /// The wait after the `attempt`th failure: first, 2 × first, 4 × first, … capped.
    public func delay(afterAttempt attempt: Int) -> Int {
        var delay = firstDelaySeconds
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= maxDelaySeconds { return maxDelaySeconds }
        }
        return min(delay, maxDelaySeconds)
    }
}
