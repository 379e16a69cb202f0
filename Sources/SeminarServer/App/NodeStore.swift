import Logging
import NIOCore
import SeminarCore
import SeminarPostgres
import SeminarProtocol
import SeminarRealtime
import SeminarStore
import ServiceLifecycle

/// The node's store as the settings say: the cluster's PostgreSQL database (`databaseURL`) with the bus that brings
/// every node's commits to this node's subscribers, or the embedded SQLite database under `data`. Either way each
/// committed event reaches the hub once, in seq order, encoded once.
struct NodeStore: Sendable {
    let store: any ServerStore
    let feed: any TopicFeed
    /// Uploaded files' bytes: in the data folder, or in the cluster's database (any node serves any file).
    let files: any BlobStore
    /// A room's raised hands: in memory, or the cluster's rows (a host on any node sees every hand).
    let hands: any HandStore
    /// The other nodes' people (nil when embedded: one process holds everyone).
    let presence: ClusterPresence?
    /// The token buckets of the limits counted per person and per sign-in address or account: this process's memory,
    /// or the cluster's database, so every node draws on one allowance.
    let rateBuckets: any RateBucketStore
    /// Runs while the node runs (the cluster's bus), and ends after everything else.
    let service: (any Service)?
    /// Ends the store's connections (a command's; a running node's end with its service).
    let close: @Sendable () -> Void
    /// Runs `body` on one node at a time: nodes started together load the demo once.
    let exclusively: @Sendable (_ body: @Sendable () async throws -> Void) async throws -> Void

    static func open(settings: Settings, hub: Hub, metrics: SeminarMetrics, logger: Logger) async throws -> NodeStore {
        let sink: @Sendable (StoredEvent) -> Void = { event in
            // Right after each commit, in commit order per topic: encode once, fan out.
            let frame = Outgoing.event(topic: event.topic, seq: event.seq, type: event.type, at: event.at, dataJSON: event.data)
            hub.publish(topic: event.topic, seq: event.seq, frame: ByteBuffer(string: frame))
        }
        guard let url = settings.databaseURL else {
            let database = try AppDatabase.open(directory: settings.dataDirectory, sink: sink, wire: .seminar,
                                                onWrite: { seconds in metrics.databaseWrite(seconds: seconds) })
            return NodeStore(store: database, feed: LocalTopicFeed(), files: FileStore(dataDirectory: settings.dataDirectory),
                             hands: MemoryHands(), presence: nil, rateBuckets: MemoryRateBuckets(), service: nil,
                             close: {}, exclusively: { body in try await body() })
        }
        let database = try await PostgresDatabase.open(url, logger: logger)
        let bus = ClusterBus(database: database, keeps: { hub.isFollowed($0) }, relayed: Ephemeral.deliver(to: hub), sink: sink)
        logger.info("cluster node on PostgreSQL", metadata: ["database": "\(url)", "node": "\(bus.node)"])
        let store = PostgresStore(database: database, bus: bus, wire: .seminar)
        return NodeStore(store: store, feed: bus, files: store.blobs,
                         hands: PostgresHands(database: database), presence: ClusterPresence(database: database, node: bus.node),
                         rateBuckets: PostgresRateBuckets(database: database),
                         service: ClusterNodeService(bus: bus, database: database), close: { database.close() },
                         exclusively: { body in try await database.exclusively(body) })
    }
}

/// The cluster's bus for as long as the node runs; at shutdown (last, after the sockets and the HTTP server) it stops and
/// the database's connections close.
struct ClusterNodeService: Service {
    let bus: ClusterBus
    let database: PostgresDatabase

    func run() async throws {
        bus.start()
        try? await gracefulShutdown()
        bus.stop()
        database.close()
    }
}
