import Logging
import SeminarCore
import SeminarRealtime
import SeminarStore

/// What every handler works with, built once by ``buildApplication(settings:logger:onServerRunning:)``.
struct Services: Sendable {
    let settings: Settings
    let database: any ServerStore
    /// How this node hears other nodes' commits to the topics its subscribers follow (nothing to do when embedded).
    let feed: any TopicFeed
    let hub: Hub
    /// Who is in a room, the lounge, at the desk or online, on every node.
    let here: PeopleHere
    let passwords: Passwords
    let origins: OriginPolicy
    /// Rate classes counted per person (per-connection buckets live on each ``Connection``).
    let personLimits: PersonRateLimits
    /// Sign-ins (and password resets) per address and per account.
    let loginLimiter: KeyedRateLimit
    let rooms: RoomLive
    /// The stage's live feeds and watches on Janus (none without `janusURL`).
    let stage: StageLive
    let plans: PlanStore
    let metrics: SeminarMetrics
    let addressLimiter: AddressLimiter
    let lifecycle: NodeLifecycle
    /// Links in mails the server causes itself, and the signed one-click unsubscribe links.
    let mailLinks: MailLinks
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    /// Ephemeral events (not in the log) to the subscribers of every node.
    var ephemeral: Ephemeral { Ephemeral(hub: hub, feed: feed) }

    /// The current time in seconds, for rate limiting.
    var seconds: Double { Double(clock().milliseconds) / 1000 }
}
