import Foundation
import SeminarCore
import SeminarServer
import SeminarTestPostgres
import Testing

/// Two nodes on one PostgreSQL database, as a cluster runs behind its load balancer: any node serves anyone.
@Suite("cluster nodes on PostgreSQL")
struct ClusterNodesTests {
    static let demoDirectory = FileManager.default.currentDirectoryPath + "/Config/demo"

    /// Two nodes started at once on a fresh database (demo on), with `more` settings, and how to end them.
    static func twoNodes(demo: Bool = true, _ more: @escaping @Sendable (inout Settings) -> Void = { _ in })
        async throws -> (a: TestServer, b: TestServer, end: @Sendable () async -> Void) {
        let url = try await TestPostgres.freshDatabase()
        let configure: @Sendable (inout Settings) -> Void = {
            $0.databaseURL = url
            $0.demo = demo
            $0.demoDirectory = Self.demoDirectory
            more(&$0)
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

    @Test("mail in a cluster: an announcement mailed to everyone is sent once per person, by one node or the other")
    func mailOncePerPerson() async throws {
        let url = try await TestPostgres.freshDatabase()
        let configure: @Sendable (inout Settings) -> Void = {
            $0.databaseURL = url
            $0.mailPerMinute = 6_000
        }
        async let first = TestServer.start(configure)
        async let second = TestServer.start(configure)
        let (a, b) = try await (first, second)
        let (organiser, _, _) = try await a.signedInSocket("Olga", role: .organiser)
        var emails: [String] = []
        for n in 1...24 { emails.append(try await b.makeUser("Person \(n)").user.email) }
        #expect(try await organiser.request("announce", ["text": "The plenary moves to room 2", "email": true]).ok)
        let everyone = Set(emails).count + 1
        let sent = try await eventually("every mail sent") {
            let files = PasswordResetTests.emlFiles(a) + PasswordResetTests.emlFiles(b)
            return files.count >= everyone ? files : nil
        }
        let recipients = try sent.map { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\r\n").first { $0.hasPrefix("To: ") }.map(String.init) ?? ""
        }
        #expect(sent.count == everyone && Set(recipients).count == everyone, "one mail each, none twice: \(recipients.sorted())")
        // A mail's file is written before its row is marked sent: the rows follow within a moment.
        let database = a.database
        let rows = try await eventually("every mail marked sent") {
            let rows = try await database.outbox()
            return rows.allSatisfy { $0.status == "sent" } ? rows : nil
        }
        #expect(rows.count == everyone)
        await a.stop()
        await b.stop()
        await TestPostgres.drop(url)
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

/// `seminar copy --from ./data --to postgres://…`: an embedded seminar moves into a cluster whole, checked, or not at all.
@Suite("copying an embedded seminar into a cluster")
struct ClusterCopyTests {
    @Test("everything moves (people and their sessions, program, chat, the hub, the event log, files); a second copy is refused and changes nothing")
    func copy() async throws {
        let embedded = try await TestServer.start {
            $0.demo = true
            $0.demoDirectory = ClusterNodesTests.demoDirectory
        }
        let directory = embedded.dataDirectory
        let (organiser, organiserUser, organiserToken) = try await embedded.signedInSocket("Olga", role: .organiser)
        #expect(try await organiser.request("announce", ["text": "before the move"]).ok)
        let seminar = try await organiser.request("subscribe", ["topic": "seminar"])
        let head = try #require(seminar.data["seq"] as? Int64)
        let upload = try await HTTP.send("POST", embedded.http + "/api/files", body: FeedTests.pdf,
                                         headers: ["Authorization": "Bearer \(organiserToken)", "Content-Type": "application/pdf", "X-Filename": "plan.pdf"])
        let fileID = try #require(upload.json["id"] as? Int)
        let program = try await organiser.request("program.get")
        let feed = try await organiser.request("subscribe", ["topic": "feed"])
        await embedded.stop(keepData: true)

        let url = try await TestPostgres.freshDatabase()
        let report = try await SeminarCommands.copy(from: directory, to: url)
        #expect(report.files >= 1 && report.rows["users"] ?? 0 >= 1 && report.rows["events"] ?? 0 >= 1)

        let node = try await TestServer.start { $0.databaseURL = url }
        // The same token signs the same person in: their session moved too.
        let moved = try await TestSocket.connect(node.ws)
        let hello = try await moved.request("hello", ["token": organiserToken])
        #expect(hello.ok && (hello.data["user"] as? [String: any Sendable])?["id"] as? Int64 == organiserUser.id.rawValue)
        let replay = try await moved.request("subscribe", ["topic": "seminar", "since": head - 1])
        #expect(replay.data["seq"] as? Int64 == head)
        #expect(try await event(moved, "announcement", topic: "seminar").seq == head)
        #expect((try await moved.request("program.get").data["sessions"] as? [any Sendable])?.count
                == (program.data["sessions"] as? [any Sendable])?.count)
        let movedFeed = try await moved.request("subscribe", ["topic": "feed"])
        #expect(movedFeed.data["seq"] as? Int64 == feed.data["seq"] as? Int64)
        let download = try await HTTP.send("GET", node.http + "/files/\(fileID)", headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(download.status == 200 && download.body == FeedTests.pdf)
        // New rows take ids after the copied ones.
        #expect(try await moved.request("announce", ["text": "after the move"]).ok)
        #expect(try await event(moved, "announcement", topic: "seminar").seq == head + 1)

        let users = try await node.database.peopleList(query: nil, role: nil, before: nil, limit: 1_000).people.count
        await #expect(throws: DomainError.self) { try await SeminarCommands.copy(from: directory, to: url) }
        #expect(try await node.database.peopleList(query: nil, role: nil, before: nil, limit: 1_000).people.count == users)
        await #expect(throws: DomainError.self) { try await SeminarCommands.copy(from: directory + "-nowhere", to: url) }
        await node.stop()
        await TestPostgres.drop(url)
        try? FileManager.default.removeItem(atPath: directory)
    }
}
