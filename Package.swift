// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "seminar",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seminar", targets: ["seminar"]),
        .executable(name: "seminar-bench", targets: ["seminar-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // libvips at run time (dlopen), for smaller renditions of uploaded images; nothing needed to build.
        .target(name: "CVipsShim", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "SeminarCore",
            swiftSettings: swiftSettings
        ),
        // The web client as served: minifiers and the string-table splitter, run once at start-up (not the domain).
        .target(
            name: "SeminarClientBuilder",
            swiftSettings: swiftSettings
        ),
        // One timer per event loop for things repeated every period (pings): the server's and the load generator's.
        .target(
            name: "SeminarTimers",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeminarProtocol",
            dependencies: ["SeminarCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeminarStore",
            dependencies: [
                "SeminarCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The cluster's store on PostgreSQL: the event log and the bus that carries events between nodes.
        .target(
            name: "SeminarPostgres",
            dependencies: [
                "SeminarCore",
                "SeminarStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeminarRealtime",
            dependencies: [
                "SeminarCore",
                "SeminarProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeminarServer",
            dependencies: [
                "SeminarCore",
                "SeminarProtocol",
                "SeminarStore",
                "SeminarPostgres",
                "SeminarRealtime",
                "SeminarTimers",
                "SeminarClientBuilder",
                "CVipsShim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                // The link to Janus (the stage): one WebSocket with its subprotocol.
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "WSCompression", package: "swift-websocket"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "seminar",
            dependencies: [
                "SeminarServer",
                "SeminarCore",
                "SeminarProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "seminar-bench",
            // An outside client: HTTP and the WebSocket protocol (and the `seminar` CLI to seed), never the server's modules.
            // The scheduler scenario runs Core's scheduler in process.
            dependencies: [
                "SeminarCore",
                "SeminarTimers",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "WSCompression", package: "swift-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeminarCoreTests",
            dependencies: ["SeminarCore", "SeminarProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeminarClientBuilderTests",
            dependencies: ["SeminarClientBuilder"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeminarStoreTests",
            dependencies: [
                "SeminarStore", "SeminarCore", "SeminarProtocol", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The test server's PostgreSQL, for the contract suites and the live cluster tests: fresh databases, dropped after.
        .target(
            name: "SeminarTestPostgres",
            dependencies: [
                "SeminarCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SeminarTestPostgres",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeminarPostgresTests",
            dependencies: [
                "SeminarPostgres", "SeminarStore", "SeminarCore", "SeminarProtocol", "SeminarTestPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeminarServerTests",
            dependencies: [
                "SeminarServer",
                "SeminarTestPostgres",
                "SeminarClientBuilder",
                "SeminarStore",
                "SeminarProtocol",
                "SeminarRealtime",
                "SeminarTimers",
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "WSCompression", package: "swift-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The load generator's pure pieces (the failover ledger, frame reading, the spread over nodes).
        .testTarget(
            name: "SeminarBenchTests",
            dependencies: [
                "seminar-bench",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
