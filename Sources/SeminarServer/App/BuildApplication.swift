import Foundation
import Hummingbird
import HummingbirdCore
import UnixSignals
import WSCompression
import HummingbirdWebSocket
import Logging
import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore
import ServiceLifecycle

/// The running parts of a seminar server, as tests and the executable see them.
public struct SeminarServer: Sendable {
    public let settings: Settings
    public let database: any ServerStore
    /// The cluster's bus, when the node is on PostgreSQL.
    let node: (any Service)?
    /// Presence across the cluster's nodes, when the node is on PostgreSQL.
    let presence: PresenceService?
    public let hub: Hub
    /// Every HTTP route as "METHOD /path" (the access matrix test holds them against `HTTPAccess.routes`).
    public let routes: [String]
    let application: Application<RouterResponder<SeminarRequestContext>>
    let mailSender: MailSender
    let stage: StageLive
    let resetQueue: PasswordResetQueue
    let lifecycle: NodeLifecycle
    let mailLinks: MailLinks
    let clock: @Sendable () -> Timestamp
    let logger: Logger

    /// A service group running the server, its shutdown of sockets (1001) and the event-log pruning.
    /// Graceful shutdown stops services in reverse order: sockets close first, then the HTTP server.
    public func serviceGroup(signals: [UnixSignal] = [.sigterm, .sigint]) -> ServiceGroup {
        // The link to Janus runs only with a stage configured (a service that returns would end the group).
        let stageServices: [ServiceGroupConfiguration.ServiceConfiguration] = stage.available ? [.init(service: StageService(stage: stage))] : []
        // The cluster's bus is shut down last: the sockets get every event committed before they close.
        // Its presence stops just before, and takes the node's people off the cluster's lists.
        let nodeServices: [ServiceGroupConfiguration.ServiceConfiguration] = (node.map { [.init(service: $0)] } ?? [])
            + (presence.map { [.init(service: $0)] } ?? [])
        return ServiceGroup(configuration: .init(
            services: nodeServices + stageServices + [
                .init(service: application),
                .init(service: EventLogPruning(database: database, retentionDays: settings.eventRetentionDays, logger: logger)),
                .init(service: ReminderService(database: database, clock: clock, meetingRequestHours: settings.meetingRequestHours,
                                               announcementMail: MailComposers.announcement(links: mailLinks),
                                               digestClock: settings.mailDigestHour.map(DigestClock.init(hour:)),
                                               digestMail: MailComposers.digest(links: mailLinks), stage: stage, logger: logger)),
                .init(service: SessionExpiry(database: database, hub: hub, clock: clock,
                                             intervalSeconds: Double(settings.sessionCheckSeconds), logger: logger)),
                .init(service: resetQueue),
                .init(service: mailSender),
                .init(service: SocketShutdown(hub: hub, lifecycle: lifecycle, drainSeconds: settings.drainSeconds, logger: logger)),
            ],
            gracefulShutdownSignals: signals,
            logger: logger))
    }
}

/// The composition root: database, hub, routes and WebSocket, wired from `settings`.
public func buildApplication(
    settings: Settings,
    logger: Logger,
    clock: @escaping @Sendable () -> Timestamp = { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)) },
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> SeminarServer {
    let hub = Hub(logger: logger)
    let metrics = SeminarMetrics()
    let node = try await NodeStore.open(settings: settings, hub: hub, metrics: metrics, logger: logger)
    let database = node.store
    let fileStore = node.files
    if settings.demo {
        try await node.exclusively {
            guard try await !database.hasProgram() else { return }
            try await DemoLoader(directory: settings.demoDirectory, logger: logger).load(into: database, now: clock())
            try await DemoFeedLoader(directory: settings.demoDirectory, files: fileStore, logger: logger).load(into: database, now: clock())
        }
    }
    let mailKey = try await database.serverKey(named: "unsubscribe") {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
    let ephemeral = Ephemeral(hub: hub, feed: node.feed)
    let here = PeopleHere(hub: hub, others: node.presence)
    let services = Services(
        settings: settings, database: database, feed: node.feed, hub: hub, here: here,
        passwords: Passwords(cost: settings.bcryptCost),
        origins: OriginPolicy(allowedOrigins: settings.allowedOrigins + [settings.publicOrigin].compactMap { $0 }),
        personLimits: PersonRateLimits(settings: settings, buckets: node.rateBuckets, logger: logger),
        loginLimiter: KeyedRateLimit(rate: Double(settings.loginPerMinute) / 60, burst: settings.loginPerMinute, buckets: node.rateBuckets,
                                     logger: logger),
        rooms: RoomLive(ephemeral: ephemeral, hands: node.hands, here: here, clock: clock), stage: StageLive(settings: settings, ephemeral: ephemeral, database: database, clock: clock, logger: logger),
        plans: PlanStore(), metrics: metrics,
        addressLimiter: AddressLimiter(limit: settings.connectionsPerAddress), lifecycle: NodeLifecycle(),
        mailLinks: MailLinks(baseURL: settings.publicURL ?? "http://\(settings.host):\(settings.port)", key: mailKey), clock: clock, logger: logger)

    let router = Router(context: SeminarRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(settings: settings))
    router.add(middleware: PathGuardMiddleware())
    router.add(middleware: WebAssetsMiddleware(web: try WebAssets.load(
        directory: settings.webDirectory, minify: settings.minifyWebClient, logger: logger)))
    let api = router.group("api")
    let accounts = AccountController(services: services)
    accounts.addRoutes(to: api)
    CalendarController(services: services, accounts: accounts).addRoutes(to: api)
    AdminController(services: services, accounts: accounts).addRoutes(to: api)
    SeminarController(services: services).addRoutes(api: api, router: router)
    FilesController(services: services, accounts: accounts, store: fileStore)
        .addRoutes(api: api, router: router)
    ReplaysController(services: services, accounts: accounts).addRoutes(to: router)
    let console = ConsoleController(services: services, accounts: accounts)
    console.addRoutes(api: api, router: router)
    MailConsoleController(services: services, console: console).addRoutes(to: api)
    UnsubscribeController(services: services).addRoutes(to: api)
    let resetQueue = PasswordResetQueue(database: database, minutes: settings.passwordResetMinutes, clock: clock, logger: logger)
    PasswordResetController(services: services, accounts: accounts, queue: resetQueue,
                            limiter: KeyedRateLimit(rate: Double(settings.passwordResetPerHour) / 3600, burst: settings.passwordResetPerHour,
                                                    buckets: node.rateBuckets, logger: logger))
        .addRoutes(to: api)
    let mailSender = try MailSender(settings: settings, database: database, clock: clock, logger: logger)
    DeskDuty(services: services).requeueAfterRestart()

    let routes = router.routes.map { "\($0.method) \($0.path)" }
    let upgrade = SocketUpgrade(services: services)
    let httpLimits = HTTPLimits(settings: settings)
    let channelConfiguration = HTTP1WebSocketUpgradeChannel.Configuration(
        // No idle time-out here: `HTTPConnectionGuard` keeps the connection's time (`limits`).
        http1: .init(idleTimeout: nil),
        // Frames are read up to 1 MiB (or the limit, if higher) so that a message over the limit gets a clean
        // close 1009 from the message reader rather than a reset; beyond that the frame decoder refuses it.
        ws: .init(maxFrameSize: max(settings.frameLimit, 1 << 20),
                  extensions: settings.webSocketCompression ? [.perMessageDeflate(maxDecompressedFrameSize: max(settings.frameLimit, 1 << 16))] : [],
                  autoPing: .disabled,  // the server's pings are Liveness's, on the event loop
                  closeTimeout: .seconds(10)))
    let server = HTTPServerBuilder { responder in
        SeminarChannel(responder: responder, configuration: channelConfiguration, limits: httpLimits,
                       pingInterval: .seconds(Int64(settings.pingIntervalSeconds)), pingAnswer: { id in
            services.metrics.request(.ping, nanoseconds: 0)
            return Outgoing.pingReply(to: id, serverTime: services.clock())
        }) { request, channel, logger in
            await upgrade.decide(request, channel: channel, logger: logger)
        }
    }
    let application = Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "seminar"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            logger.info("seminar listening", metadata: ["url": "http://\(settings.host):\(port)"])
            await onServerRunning(port)
        },
        logger: logger)
    return SeminarServer(settings: settings, database: database, node: node.service,
                         presence: node.presence.map { PresenceService(presence: $0, services: services) }, hub: hub, routes: routes, application: application,
                         mailSender: mailSender, stage: services.stage, resetQueue: resetQueue, lifecycle: services.lifecycle,
                         mailLinks: services.mailLinks, clock: clock, logger: logger)
}
