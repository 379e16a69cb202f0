import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Several nodes on one PostgreSQL (in one process here, each with its own pool, listener and sink, as separate
/// processes would have): an event committed on any node reaches every node that follows its topic, once, in order.
@Suite("cluster bus on PostgreSQL")
struct ClusterBusTests {
    struct Node {
        let database: PostgresDatabase
        let bus: ClusterBus
        let log: PostgresEventLog
        let delivered: EventCollector

        static func start(_ url: DatabaseURL, name: String) async throws -> Node {
            let database = try await PostgresDatabase.open(url, logger: TestPostgres.logger)
            let delivered = EventCollector()
            let bus = ClusterBus(database: database, node: name, sink: delivered.sink)
            bus.start()
            return Node(database: database, bus: bus, log: PostgresEventLog(database: database, bus: bus), delivered: delivered)
        }

        func stop() {
            bus.stop()
            database.close()
        }
    }

    static func chat(_ room: Int64, _ text: String) -> NewEvent {
        NewEvent(topic: .room(RoomID(room)), type: "chat.message", at: Timestamp(milliseconds: 1_000), data: #"{"text":"\#(text)"}"#)
    }

    @Test("two nodes writing one room at once: each node delivers every event once, in seq order")
    func twoNodes() async throws {
        let url = try await TestPostgres.freshDatabase()
        let a = try await Node.start(url, name: "a"), b = try await Node.start(url, name: "b")
        a.bus.follow(.room(RoomID(1)), after: 0)
        b.bus.follow(.room(RoomID(1)), after: 0)
        let perNode = 150
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (node, prefix) in [(a, "a"), (b, "b")] {
                group.addTask {
                    for index in 0..<perNode { _ = try await node.log.append([Self.chat(1, "\(prefix)\(index)")]) }
                }
            }
            try await group.waitForAll()
        }
        let total = Int64(perNode * 2)
        for node in [a, b] {
            let delivered = try await node.delivered.wait(for: Int(total))
            #expect(delivered.map(\.seq) == Array(1...total))
            #expect(Set(delivered.map(\.data)).count == Int(total))
        }
        a.stop()
        b.stop()
        await TestPostgres.drop(url)
    }

    @Test("a node delivers only the topics it follows, from where its subscribers are")
    func followFrom() async throws {
        let url = try await TestPostgres.freshDatabase()
        let writer = try await Node.start(url, name: "writer"), reader = try await Node.start(url, name: "reader")
        _ = try await writer.log.append((1...3).map { Self.chat(5, "early \($0)") })
        reader.bus.follow(.room(RoomID(5)), after: 2)  // its subscribers' snapshot reached seq 2
        _ = try await writer.log.append([Self.chat(6, "elsewhere"), Self.chat(5, "late")])
        let delivered = try await reader.delivered.wait(for: 2)
        #expect(delivered.map(\.seq) == [3, 4] && delivered.allSatisfy { $0.topic == "room:5" })
        #expect(writer.delivered.all.isEmpty)  // the writer follows nothing: nobody there to deliver to
        writer.stop()
        reader.stop()
        await TestPostgres.drop(url)
    }

    @Test("a listener connection ended by the server heals: the node reconnects and misses nothing")
    func listenerKilled() async throws {
        let url = try await TestPostgres.freshDatabase()
        let writer = try await Node.start(url, name: "w"), reader = try await Node.start(url, name: "r")
        reader.bus.follow(.room(RoomID(9)), after: 0)
        _ = try await writer.log.append((1...20).map { Self.chat(9, "before \($0)") })
        _ = try await reader.delivered.wait(for: 20)
        try await TestPostgres.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'seminar-listen-r'", on: url)
        // Written while the reader's listener is gone or reconnecting: no hint reaches it.
        for index in 1...20 { _ = try await writer.log.append([Self.chat(9, "after \(index)")]) }
        let delivered = try await reader.delivered.wait(for: 40)
        #expect(delivered.map(\.seq) == Array(1...40))
        #expect(try await TestPostgres.count(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'seminar-listen-r'", on: url) == 1)
        writer.stop()
        reader.stop()
        await TestPostgres.drop(url)
    }

    @Test("nodes started together migrate the schema once")
    func migrateOnce() async throws {
        let url = try await TestPostgres.freshDatabase()
        let databases = try await withThrowingTaskGroup(of: PostgresDatabase.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresDatabase.open(url, logger: TestPostgres.logger) } }
            return try await group.reduce(into: [PostgresDatabase]()) { $0.append($1) }
        }
        #expect(databases.count == 3)
        // Each version once, however many nodes raced to apply it.
        let versions = Int64(PostgresDatabase.schemaVersions.count)
        #expect(versions >= 4)
        #expect(try await TestPostgres.count("SELECT count(*) FROM seminar_migrations", on: url) == versions)
        #expect(try await TestPostgres.count("SELECT count(DISTINCT version) FROM seminar_migrations", on: url) == versions)
        databases.forEach { $0.close() }
        await TestPostgres.drop(url)
    }
}
