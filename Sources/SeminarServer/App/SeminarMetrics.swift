import CoreMetrics
import Prometheus
import SeminarCore
import SeminarRealtime
import Synchronization

/// The server's metrics (swift-metrics, exposed by swift-prometheus at `/metrics`), one registry per server so
/// that servers in one process (tests) do not mix their figures.
final class SeminarMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let rateLimited: CoreMetrics.Counter
    private let deliveries: CoreMetrics.Counter
    private let evictions: CoreMetrics.Counter
    private let connections: CoreMetrics.Gauge
    private let onlineUsers: CoreMetrics.Gauge
    private let deskQueue: CoreMetrics.Gauge
    private let dbWrites: CoreMetrics.Timer
    /// The hub's cumulative figures at the last scrape, to turn them into counter increments.
    private let seen = Mutex((deliveries: 0, evictions: 0))

    init() {
        factory = PrometheusMetricsFactory(registry: registry)
        rateLimited = Counter(label: "seminar_rate_limited_total", factory: factory)
        deliveries = Counter(label: "seminar_deliveries_total", factory: factory)
        evictions = Counter(label: "seminar_evictions_total", factory: factory)
        connections = Gauge(label: "seminar_connections", factory: factory)
        onlineUsers = Gauge(label: "seminar_online_users", factory: factory)
        deskQueue = Gauge(label: "seminar_desk_queue_length", factory: factory)
        dbWrites = Timer(label: "seminar_db_write_duration_seconds", factory: factory)
    }

    /// A request of `type` (nil: not a known type) took `nanoseconds`.
    func request(_ type: MessageType?, nanoseconds: Int64) {
        let name = type?.rawValue ?? "unknown"
        Counter(label: "seminar_messages_in_total", dimensions: [("type", name)], factory: factory).increment()
        Timer(label: "seminar_request_duration_seconds", dimensions: [("type", name)], factory: factory).recordNanoseconds(nanoseconds)
    }

    func refusedForRate() { rateLimited.increment() }

    /// A write statement (or commit) took `seconds`.
    func databaseWrite(seconds: Double) { dbWrites.recordNanoseconds(Int64(seconds * 1e9)) }

    /// The text for a scrape, with the hub's figures brought up to date first.
    func render(hub: HubStats, deskWaiting: Int) -> String {
        let (newDeliveries, newEvictions) = seen.withLock { last -> (Int, Int) in
            defer { last = (hub.deliveries, hub.evictions) }
            return (max(0, hub.deliveries - last.deliveries), max(0, hub.evictions - last.evictions))
        }
        if newDeliveries > 0 { deliveries.increment(by: Int64(newDeliveries)) }
        if newEvictions > 0 { evictions.increment(by: Int64(newEvictions)) }
        connections.record(hub.connections)
        onlineUsers.record(hub.onlineUsers)
        deskQueue.record(deskWaiting)
        return registry.emitToString()
    }
}
