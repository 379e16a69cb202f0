import SeminarCore
import SeminarRealtime

/// The per-person buckets of the rate classes that count per person (``RateLimit/perPerson``): one table per class,
/// shared by all of a person's sockets, so opening more tabs does not buy more.
struct PersonRateLimits: Sendable {
    private let limiters: [RateClass: KeyedRateLimiter]

    init(settings: Settings) {
        var limiters: [RateClass: KeyedRateLimiter] = [:]
        for rateClass in RateClass.allCases {
            guard let limit = rateClass.limit(in: settings), limit.perPerson else { continue }
            limiters[rateClass] = KeyedRateLimiter(rate: limit.rate, burst: limit.burst)
        }
        self.limiters = limiters
    }

    /// Takes a token of `rateClass` for `user`; nil when allowed (or the class is not counted per person).
    func take(_ rateClass: RateClass, user: UserID, now: Double) -> Int? {
        limiters[rateClass]?.take("user:\(user.rawValue)", now: now)
    }
}
