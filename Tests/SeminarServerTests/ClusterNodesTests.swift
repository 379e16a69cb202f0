import Foundation
import SeminarCore
import SeminarServer
import SeminarTestPostgres
import Testing

/// Two nodes on one PostgreSQL database, as a cluster runs behind its load balancer: any node serves anyone.
@Suite("cluster nodes on PostgreSQL")
struct ClusterNodesTests {
    static let demoDirectory = FileManager.default.currentDirectoryPath + "/Config/demo"

    /// Two nodes started at once on a fresh database (demo on), and how to end them.
    static func twoNodes(demo: Bool = true) async throws -> (a: TestServer, b: TestServer, end: @Sendable () async -> Void) {
        let url = try await TestPostgres.freshDatabase()
        let configure: @Sendable (inout Settings) -> Void = {
            $0.databaseURL = url
            $0.demo = demo
            $0.demoDirectory = Self.demoDirectory
        }
        async let first = TestServer.start(configure)
        async let second = TestServer.start(configure)
        let (a, b) = try await (first, second)
        return (a, b, {
            await a.stop()
            await b.stop()
            await TestPostgres.drop(url)
        })
    }

    @Test("started together, the nodes load the demo once; each serves the same seminar")
    func demoOnce() async throws {
        let (a, b, end) = try await Self.twoNodes()
        let (onA, _, _) = try await a.signedInSocket("Ana")
        let (onB, _, _) = try await b.signedInSocket("Ben")
        let feedA = try await onA.request("subscribe", ["topic": "feed"])
        let feedB = try await onB.request("subscribe", ["topic": "feed"])
        let titles = ((feedA.data["snapshot"] as? [String: any Sendable])?["posts"] as? [any Sendable] ?? [])
            .compactMap { ($0 as? [String: any Sendable])?["title"] as? String }
        #expect(!titles.isEmpty && Set(titles).count == titles.count, "each demo post once: \(titles)")
        #expect(feedA.data["seq"] as? Int64 == feedB.data["seq"] as? Int64)
        let programA = try await onA.request("program.get"), programB = try await onB.request("program.get")
        #expect((programA.data["sessions"] as? [any Sendable])?.count ?? 0 >= 40)
        #expect((programA.data["sessions"] as? [any Sendable])?.count == (programB.data["sessions"] as? [any Sendable])?.count)
        await end()
    }

    @Test("what one node commits reaches the other node's subscribers once, in order; `since` resumes on either node")
    func eventsCrossNodes() async throws {
        let (a, b, end) = try await Self.twoNodes(demo: false)
        let (organiser, _, _) = try await a.signedInSocket("Olga", role: .organiser)
        let (listener, _, _) = try await b.signedInSocket("Lena")
        let subscribed = try await listener.request("subscribe", ["topic": "seminar"])
        let start = try #require(subscribed.data["seq"] as? Int64)
        for n in 1...5 { #expect(try await organiser.request("announce", ["text": "news \(n)"]).ok) }
        var seen: [Int64] = []
        for _ in 1...5 { seen.append(try await event(listener, "announcement", topic: "seminar").seq ?? -1) }
        #expect(seen == Array(start + 1...start + 5))

        // Back on the first node after a drop: from where it was, nothing missed, nothing twice.
        let (returning, _, _) = try await a.signedInSocket("Lena again")
        let resumed = try await returning.request("subscribe", ["topic": "seminar", "since": start + 2])
        #expect(resumed.ok)
        var replayed: [Int64] = []
        for _ in 1...3 { replayed.append(try await event(returning, "announcement", topic: "seminar").seq ?? -1) }
        #expect(replayed == [start + 3, start + 4, start + 5])

        // And the other way: committed on the second node, heard on the first.
        let (otherOrganiser, _, _) = try await b.signedInSocket("Omar", role: .organiser)
        #expect(try await otherOrganiser.request("announce", ["text": "from b"]).ok)
        #expect(try await event(returning, "announcement", topic: "seminar").seq == start + 6)
        #expect(try await event(listener, "announcement", topic: "seminar").seq == start + 6)
        await end()
    }

    @Test("ephemeral events cross nodes too: someone coming into the lounge on one node is seen arriving on the other")
    func ephemeralCrossNodes() async throws {
        let (a, b, end) = try await Self.twoNodes(demo: false)
        let (there, _, _) = try await b.signedInSocket("Bea")
        #expect(try await there.request("lounge.enter").ok)
        let (arriving, arrivingUser, _) = try await a.signedInSocket("Ari")
        #expect(try await arriving.request("lounge.enter").ok)
        let joined = try await event(there, "lounge.joined", topic: "lounge")
        #expect((joined.data["person"] as? [String: any Sendable])?["id"] as? Int64 == arrivingUser.id.rawValue)
        await end()
    }
}

/// The `seminar` commands that take `--data` take `--database-url` instead and work on the cluster's database.
@Suite("commands on the cluster's database")
struct ClusterCommandsTests {
    @Test("user add, import program and import participants write to PostgreSQL, where a node reads them; backup says to use pg_dump")
    func commands() async throws {
        let url = try await TestPostgres.freshDatabase()
        var settings = Settings()
        settings.databaseURL = url
        settings.bcryptCost = 4
        settings.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-commands-\(UUID().uuidString)").path
        let commands = try await SeminarCommands.open(settings: settings)
        let organiser = try await commands.createAccount(email: "olga@example.org", password: "password-1", displayName: "Olga", locale: "fr",
                                                         role: .organiser)
        let program = """
            {"name": {"en": "Cluster"}, "timeZone": "UTC", "tracks": [{"key": "t1", "name": {"en": "One"}}],
             "sessions": [{"key": "s1", "track": "t1", "start": "2030-01-01T10:00", "end": "2030-01-01T11:00", "title": {"en": "Plenary"}},
                          {"key": "s2", "start": "2030-01-01T11:00", "end": "2030-01-01T12:00", "title": {"en": "Workshop"}}]}
            """
        let imported = try await commands.importProgram(Data(program.utf8))
        #expect(imported.sessions == 2)
        let csv = "email,name,role,organisation\nlena@example.org,Lena,participant,Ciudad\n"
        guard case .success(let reply) = try await commands.importParticipants(csv, baseURL: "https://seminar.example.org") else {
            Issue.record("the import was refused"); return
        }
        #expect(reply.created == 1)
        do {
            try commands.backup(to: settings.dataDirectory + "/copy.sqlite")
            Issue.record("a PostgreSQL seminar has no SQLite backup")
        } catch let error as DomainError {
            #expect(error.message.contains("pg_dump"))
        }
        commands.close()

        let node = try await TestServer.start { $0.databaseURL = url }
        let (socket, _, _) = try await node.signedInSocket("Ana")
        #expect((try await socket.request("program.get").data["sessions"] as? [any Sendable])?.count == imported.sessions)
        #expect(try await node.database.user(email: "lena@example.org")?.displayName == "Lena")
        #expect(try await node.database.user(id: UserID(organiser.id))?.role == .organiser)
        await node.stop()
        await TestPostgres.drop(url)
    }
}
