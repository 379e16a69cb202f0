import Logging
import SeminarCore
import SeminarStore

/// The per-person buckets of the rate classes that count per person (``RateLimit/perPerson``), keyed `user:ID:class`:
/// shared by all of a person's sockets, on every node of a cluster, so opening more tabs does not buy more.
struct PersonRateLimits: Sendable {
    private let limits: [RateClass: KeyedRateLimit]

    init(settings: Settings, buckets: any RateBucketStore, logger: Logger) {
        var limits: [RateClass: KeyedRateLimit] = [:]
        for rateClass in RateClass.allCases {
            guard let limit = rateClass.limit(in: settings), limit.perPerson else { continue }
            limits[rateClass] = KeyedRateLimit(rate: limit.rate, burst: limit.burst, buckets: buckets, logger: logger)
        }
        self.limits = limits
    }

    /// Takes a token of `rateClass` for `user`; nil when allowed (or the class is not counted per person).
    func take(_ rateClass: RateClass, user: UserID, now: Double) async -> Int? {
        await limits[rateClass]?.take("user:\(user.rawValue):\(rateClass.rawValue)", now: now)
    }
}
