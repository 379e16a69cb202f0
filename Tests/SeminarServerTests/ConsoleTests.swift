import Foundation
import GRDB
import Synchronization
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("the organiser console")
struct ConsoleTests {
    static func csvPost(_ server: TestServer, _ token: String, _ text: String) async throws -> HTTPResult {
        try await HTTP.send("POST", server.http + "/api/admin/participants", body: Data(text.utf8),
                            headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"])
    }

    static func userCount(_ server: TestServer) async throws -> Int {
        try await server.sqlite.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0 }
    }

    @Test("a bad CSV lists every problem by line and writes nothing; a good one creates and updates, with one-time links")
    func participantsImport() async throws {
        let server = try await TestServer.start()
        let (_, token) = try await server.makeUser("Org", role: .organiser)
        let before = try await Self.userCount(server)
        let bad = try await Self.csvPost(server, token, "email,name,role\nok@example.org,Ok,\nnope,X,\ndup@x.org,D,king\ndup@x.org,D2,\n")
        #expect(bad.status == 400 && bad.errorCode == "invalid")
        let problems = try #require(bad.json["problems"] as? [[String: Any]])
        #expect(problems.compactMap { $0["line"] as? Int } == [3, 4, 5])
        #expect(try await Self.userCount(server) == before)

        let good = try await Self.csvPost(server, token, """
            email,name,role,organisation,city,interests
            amina@example.org,"Diallo, Amina",host,Ville de Dakar,Dakar,climate
            bruno@example.org,Bruno Sánchez,,,,
            """)
        #expect(good.status == 200 && good.json["created"] as? Int == 2)
        let people = try #require(good.json["people"] as? [[String: Any]])
        let link = try #require(people.first?["signInUrl"] as? String)
        #expect(link.hasPrefix("http://") && link.contains("/api/link/"))
        #expect(try await Self.userCount(server) == before + 2)

        // Empty cells never overwrite: Amina keeps her organisation; her name and role change.
        let again = try await Self.csvPost(server, token, "email,name,role,organisation\nAMINA@example.org,Amina Diallo,participant,\n")
        #expect(again.json["updated"] as? Int == 1 && again.json["created"] as? Int == 0)
        let amina = try #require(try await server.database.user(email: "amina@example.org"))
        #expect(amina.displayName == "Amina Diallo" && amina.role == .participant)
        let profile = try await server.database.person(amina.id.rawValue, viewer: amina.id, online: false)
        #expect(profile.profile.organisation == "Ville de Dakar" && profile.profile.city == "Dakar")
        // An existing account gets no new link (issue 21, finding 9).
        let updated = try #require((again.json["people"] as? [[String: Any]])?.first)
        #expect(updated["created"] as? Bool == false && updated["signInUrl"] == nil && updated["expiresAt"] == nil)

        // Her link from the first import, made with her account, works once; a second use does not.
        let path = String(link[link.range(of: "/api/link/")!.lowerBound...])
        let signedIn = try await HTTP.noRedirect(server.http + path)
        #expect(signedIn.status == 303 && signedIn.header("Location") == "/" && signedIn.header("Set-Cookie")?.contains("HttpOnly") == true)
        let reused = try await HTTP.noRedirect(server.http + path)
        #expect(reused.status == 303 && reused.header("Location") == "/#/link-expired")
        await server.stop()
    }

    @Test("an import that names existing accounts, another organiser's included, hands out no link for them; new accounts get one")
    func importNoLinkForExisting() async throws {
        let server = try await TestServer.start()
        let (_, token) = try await server.makeUser("Org", role: .organiser)
        let (otherOrganiser, otherToken) = try await server.makeUser("Other Org", role: .organiser)
        let (carla, carlaToken) = try await server.makeUser("Carla")
        let reply = try await Self.csvPost(server, token, """
            email,name,organisation
            \(otherOrganiser.email),,Cités Unies
            \(carla.email.uppercased()),Carla Ruiz,
            dora@example.org,Dora,
            """)
        #expect(reply.status == 200 && reply.json["created"] as? Int == 1 && reply.json["updated"] as? Int == 2)
        let people = try #require(reply.json["people"] as? [[String: Any]])
        #expect(people.map { $0["created"] as? Bool } == [false, false, true])
        #expect(people[0]["signInUrl"] == nil && people[1]["signInUrl"] == nil && people[0]["expiresAt"] == nil)
        let existingLinks = try await server.sqlite.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM signin_links WHERE user_id IN (?, ?)", arguments: [otherOrganiser.id.rawValue, carla.id.rawValue])
        }
        #expect(existingLinks == 0)

        // The existing accounts are updated, and their sessions and passwords work as before.
        #expect(try await server.database.user(email: carla.email)?.displayName == "Carla Ruiz")
        #expect(try await server.database.person(otherOrganiser.id.rawValue, viewer: otherOrganiser.id, online: false).profile.organisation == "Cités Unies")
        for existing in [otherToken, carlaToken] {
            #expect(try await HTTP.send("GET", server.http + "/api/me", headers: ["Authorization": "Bearer \(existing)"]).status == 200)
        }
        let login = try await HTTP.send("POST", server.http + "/api/login", json: ["email": carla.email, "password": "password-123"])
        #expect(login.status == 200)

        // The new account's link signs Dora in, once.
        let link = try #require(people[2]["signInUrl"] as? String)
        let path = String(link[link.range(of: "/api/link/")!.lowerBound...])
        let used = try await HTTP.noRedirect(server.http + path)
        #expect(used.status == 303 && used.header("Location") == "/")
        #expect(try await HTTP.noRedirect(server.http + path).header("Location") == "/#/link-expired")

        // A name that would pass for someone else's is refused on its line, and nothing is written.
        let bad = try await Self.csvPost(server, token, "email,name\nerin@example.org,\u{202E}gro\nfay@example.org,\u{200B}\n")
        let problems = try #require(bad.json["problems"] as? [[String: Any]])
        #expect(bad.status == 400 && problems.map { $0["line"] as? Int } == [2, 3] && problems.allSatisfy { $0["field"] as? String == "name" })
        #expect(try await server.database.user(email: "erin@example.org") == nil)
        await server.stop()
    }

    @Test("participants are refused every admin type and export; strangers get 401", arguments: [
        // The permission table refuses before the data is read, so the data need not be well typed.
        ("role.set", ["userId": "1", "role": "organiser"]), ("people.list", [:]), ("admin.stats", [:]), ("audit.list", [:]),
        ("announce.scheduled", [:]), ("announce.cancel", ["id": "1"]), ("announce", ["text": "x"]), ("faq.upsert", [:]), ("faq.delete", ["id": "1"]),
        ("desk.stats", [:]), ("interests.set", [:]), ("grid.set", [:]), ("schedule.preview", [:]), ("schedule.publish", [:]),
    ] as [(String, [String: String])])
    func refusedTypes(type: String, data: [String: String]) async throws {
        let server = try await TestServer.start()
        for role in [Role.participant, .host, .agent] {
            let (socket, _, _) = try await server.signedInSocket("P", role: role)
            #expect(try await socket.request(type, data).errorCode == "forbidden", "\(type) as \(role)")
        }
        await server.stop()
    }

    @Test("exports and imports over HTTP: organisers only")
    func refusedRoutes() async throws {
        let server = try await TestServer.start()
        let (_, participant) = try await server.makeUser("P")
        let (_, host) = try await server.makeUser("H", role: .host)
        for name in ExportKind.allCases.map(\.rawValue) {
            let url = server.http + "/api/export/\(name).csv?roomId=1"
            #expect(try await HTTP.send("GET", url).status == 401)
            for token in [participant, host] {
                #expect(try await HTTP.send("GET", url, headers: ["Authorization": "Bearer \(token)"]).status == 403, "\(name)")
            }
        }
        #expect(try await Self.csvPost(server, participant, "email,name\na@b.org,A\n").status == 403)
        #expect(try await HTTP.send("POST", server.http + "/api/admin/program", body: Data("{}".utf8),
                                    headers: ["Authorization": "Bearer \(participant)"]).status == 403)
        await server.stop()
    }

    @Test("exports match the data: chat with commas, quotes and new lines; attendance; questions; a BOM on request")
    func exports() async throws {
        let (server, host) = try await RoomTests.setUp()
        let (_, orgToken) = try await server.makeUser("Org", role: .organiser)
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (ana, _, _) = try await server.signedInSocket("Ana, \"the\" mayor")
        #expect(try await ana.request("room.enter", ["roomId": 1]).ok)
        let texts = ["Bonjour, tout le monde", "She said \"hello\"", "two\nlines", "=SUM(A1)"]
        for text in texts { #expect(try await ana.request("chat.send", ["roomId": 1, "text": text]).ok) }
        #expect(try await ana.request("question.ask", ["roomId": 1, "text": "Which budget?"]).ok)
        #expect(try await ana.request("room.leave", ["roomId": 1]).ok)

        let auth = ["Authorization": "Bearer \(orgToken)"]
        let chat = try await HTTP.send("GET", server.http + "/api/export/chat.csv?roomId=1", headers: auth)
        #expect(chat.status == 200 && chat.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(chat.header("Content-Disposition")?.contains("attachment") == true)
        let rows = try CSV.parse(String(decoding: chat.body, as: UTF8.self)).map(\.cells)
        #expect(rows.first == ["messageId", "author", "text", "replyTo", "deleted", "at"])
        #expect(rows.dropFirst().map { $0[2] } == ["Bonjour, tout le monde", "She said \"hello\"", "two\nlines", "'=SUM(A1)"])
        #expect(rows.dropFirst().allSatisfy { $0[1] == "Ana, \"the\" mayor" })
        #expect(try await HTTP.send("GET", server.http + "/api/export/chat.csv", headers: auth).status == 400)
        #expect(try await HTTP.send("GET", server.http + "/api/export/secrets.csv", headers: auth).status == 404)

        let attendance = try await HTTP.send("GET", server.http + "/api/export/attendance.csv?bom=1", headers: auth)
        #expect(attendance.body.starts(with: [0xEF, 0xBB, 0xBF]))
        let people = try CSV.parse(String(decoding: attendance.body, as: UTF8.self)).dropFirst().map(\.cells)
        #expect(people.contains { $0[0] == "Ana, \"the\" mayor" && $0[2] == "1" && !$0[5].isEmpty })
        let questions = try CSV.parse(String(decoding: try await HTTP.send("GET", server.http + "/api/export/questions.csv", headers: auth).body,
                                              as: UTF8.self)).map(\.cells)
        #expect(questions.count == 2 && questions[1][3] == "Which budget?")
        await server.stop()
    }

    static let roomOneTitle = "Stratégie de diffusion pour un mouvement inclusif"

    @Test("role.set reaches the person's open socket at once; moderation lands in the audit log, by name")
    func rolesAndAudit() async throws {
        let (server, host) = try await RoomTests.setUp()
        let (org, _, orgToken) = try await server.signedInSocket("Org", role: .organiser)
        let (ana, anaUser, _) = try await server.signedInSocket("Ana")
        #expect(try await ana.request("subscribe", ["topic": "user:\(anaUser.id.rawValue)"]).ok)
        #expect(try await ana.request("admin.stats").errorCode == "forbidden")
        #expect(try await org.request("role.set", ["userId": anaUser.id.rawValue, "role": "emperor"]).error["field"] as? String == "role")
        #expect(try await org.request("role.set", ["userId": 9_999, "role": "host"]).errorCode == "not_found")
        let set = try await org.request("role.set", ["userId": anaUser.id.rawValue, "role": "host", "roomId": 1])
        #expect(set.ok)
        let changed = try await event(ana, "role.changed")
        #expect(changed.data["role"] as? String == "host" && changed.data["roomId"] as? Int64 == 1)
        // Without reconnecting, Ana now hosts room 1.
        #expect(try await ana.request("room.enter", ["roomId": 1]).ok)
        #expect(try await ana.request("room.open", ["roomId": 1]).ok)

        let (eve, eveUser, _) = try await server.signedInSocket("Eve")
        #expect(try await eve.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.mute", ["roomId": 1, "userId": eveUser.id.rawValue, "minutes": 5]).ok)
        let audit = try await org.request("audit.list")
        let entries = try #require(audit.data["entries"] as? [[String: any Sendable]])
        #expect(entries.first?["action"] as? String == "room.mute")
        #expect((entries.first?["target"] as? String)?.contains("userId=\(eveUser.id.rawValue)") == true)
        #expect(entries.contains { $0["action"] as? String == "role.set" })
        #expect(!entries.contains { $0["action"] as? String == "room.enter" })
        // Whom and where by name, not only by id: Eve, and the room's session title.
        let names = try #require(entries.first?["names"] as? [[String: any Sendable]])
        #expect(names.contains { $0["kind"] as? String == "person" && $0["name"] as? String == "Eve" && $0["id"] as? Int64 == eveUser.id.rawValue })
        #expect(names.contains { $0["kind"] as? String == "room" && $0["name"] as? String == Self.roomOneTitle && $0["key"] as? String == "roomId" })

        // The CSV has the names and, in their own columns, the ids.
        let csv = try await HTTP.send("GET", server.http + "/api/export/audit.csv", headers: ["Authorization": "Bearer \(orgToken)"])
        let rows = try CSV.parse(String(decoding: csv.body, as: UTF8.self)).map(\.cells)
        let header = try #require(rows.first)
        #expect(header == ["id", "at", "actorId", "actor", "action", "personId", "person", "roomId", "room", "sessionId", "session", "target", "detail"])
        let mute = try #require(rows.last { $0[4] == "room.mute" })
        #expect(mute[3] == "Host" && mute[5] == String(eveUser.id.rawValue) && mute[6] == "Eve" && mute[7] == "1" && mute[8] == Self.roomOneTitle)
        await server.stop()
    }

    @Test("a host is given several rooms and loses one: told live, hosting.get and people.list follow, the room's host rights go")
    func severalRooms() async throws {
        let (server, _) = try await RoomTests.setUp()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        let (hana, hanaUser, _) = try await server.signedInSocket("Hana")
        let (other, _, _) = try await server.signedInSocket("Participant")
        #expect(try await hana.request("subscribe", ["topic": "user:\(hanaUser.id.rawValue)"]).ok)
        #expect(try await hana.request("hosting.get").data["sessions"] as? [any Sendable] != nil)
        #expect((try await hana.request("hosting.get").data["sessions"] as? [any Sendable])?.isEmpty == true)
        for room in [1, 2] as [Int64] {
            #expect(try await org.request("role.set", ["userId": hanaUser.id.rawValue, "role": "host", "roomId": room]).ok)
            var changed = try await event(hana, "hosting.changed")
            while changed.data["roomId"] as? Int64 != room { changed = try await event(hana, "hosting.changed") }
            #expect(changed.data["hosting"] as? Bool == true)
        }
        let hosting = try #require(try await hana.request("hosting.get").data["sessions"] as? [[String: any Sendable]])
        #expect(hosting.compactMap { $0["roomId"] as? Int64 } == [1, 2])
        #expect(hosting.allSatisfy { $0["startsAt"] is String && $0["state"] as? String == "scheduled" && $0["title"] is [String: any Sendable] })
        let listed = try #require(try await org.request("people.list", ["q": "Hana"]).data["people"] as? [[String: any Sendable]])
        #expect((listed.first?["hostedRooms"] as? [any Sendable])?.compactMap { $0 as? Int64 } == [1, 2])
        #expect(try await hana.request("room.enter", ["roomId": 1]).ok)
        #expect(try await hana.request("room.open", ["roomId": 1]).ok)

        // Taken away: room 1 only. Refused requests change nothing.
        #expect(try await other.request("hosting.remove", ["userId": hanaUser.id.rawValue, "roomId": 1]).errorCode == "forbidden")
        #expect(try await org.request("hosting.remove", ["userId": hanaUser.id.rawValue]).error["field"] as? String == "roomId")
        #expect(try await org.request("hosting.remove", ["userId": hanaUser.id.rawValue, "roomId": 3]).errorCode == "not_found")
        #expect(try await org.request("hosting.remove", ["userId": hanaUser.id.rawValue, "roomId": 1]).ok)
        let removed = try await event(hana, "hosting.changed")
        #expect(removed.data["roomId"] as? Int64 == 1 && removed.data["hosting"] as? Bool == false)
        #expect(try await org.request("hosting.remove", ["userId": hanaUser.id.rawValue, "roomId": 1]).errorCode == "not_found")
        let left = try #require(try await hana.request("hosting.get").data["sessions"] as? [[String: any Sendable]])
        #expect(left.compactMap { $0["roomId"] as? Int64 } == [2])
        #expect(try await hana.request("room.start", ["roomId": 1]).errorCode == "forbidden")
        #expect(try await hana.request("room.enter", ["roomId": 2]).ok)
        #expect(try await hana.request("room.open", ["roomId": 2]).ok)
        let audit = try #require(try await org.request("audit.list").data["entries"] as? [[String: any Sendable]])
        #expect(audit.contains { $0["action"] as? String == "hosting.remove" })
        await server.stop()
    }

    @Test("admin.stats counts who is online, room attendance with its peak, and messages per minute")
    func stats() async throws {
        let (server, host) = try await RoomTests.setUp()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        let (ana, _, _) = try await server.signedInSocket("Ana")
        #expect(try await ana.request("room.enter", ["roomId": 1]).ok)
        #expect(try await ana.request("chat.send", ["roomId": 1, "text": "hello"]).ok)
        let stats = try await org.request("admin.stats")
        #expect(stats.data["onlineNow"] as? Int64 == 3)
        #expect(stats.data["onlineToday"] as? Int64 == 3)
        let rooms = try #require(stats.data["rooms"] as? [[String: any Sendable]])
        let room = try #require(rooms.first { $0["roomId"] as? Int64 == 1 })
        #expect(room["present"] as? Int64 == 2 && room["peak"] as? Int64 == 2 && room["state"] as? String == "open")
        let minutes = try #require(stats.data["messagesPerMinute"] as? [[String: any Sendable]])
        // The message is in the last minute, or the one before when the minute turned between the send and the stats.
        #expect(minutes.count == 60 && minutes.suffix(2).compactMap { $0["count"] as? Int64 }.reduce(0, +) == 1)
        await server.stop()
    }

    @Test("/metrics reflects a burst of messages; only for allowed addresses")
    func metrics() async throws {
        let server = try await TestServer.start()
        let (socket, _, _) = try await server.signedInSocket("Org", role: .organiser)
        for n in 1...25 { #expect(try await socket.request("announce", ["text": "burst \(n)"]).ok) }
        let scrape = try await HTTP.send("GET", server.http + "/metrics")
        #expect(scrape.status == 200)
        let text = String(decoding: scrape.body, as: UTF8.self)
        #expect(text.contains("seminar_messages_in_total{type=\"announce\"} 25"))
        #expect(text.contains("seminar_connections 1"))
        #expect(text.contains("seminar_request_duration_seconds_count{type=\"announce\"} 25"))
        #expect(text.contains("seminar_db_write_duration_seconds_count"))
        await server.stop()
        let closed = try await TestServer.start { $0.metricsAllowed = ["10.0.0.1"] }
        #expect(try await HTTP.send("GET", closed.http + "/metrics").status == 403)
        await closed.stop()
    }

    @Test("announcements: scheduled ones wait for their time, expired ones leave the snapshot, cancel works")
    func scheduledAnnouncements() async throws {
        let server = try await TestServer.start()
        let (org, _, _) = try await server.signedInSocket("Org", role: .organiser)
        #expect(try await org.request("subscribe", ["topic": "seminar"]).ok)
        let now = Date()
        let iso = { (seconds: Double) in ISO8601DateFormatter().string(from: now.addingTimeInterval(seconds)) }
        #expect(try await org.request("announce", ["text": "past", "publishAt": iso(-60)]).error["field"] as? String == "publishAt")
        #expect(try await org.request("announce", ["text": "x", "expiresAt": "tomorrow"]).error["field"] as? String == "expiresAt")
        let scheduled = try await org.request("announce", ["text": "Plenary in 10 minutes", "level": "warning", "publishAt": iso(600)])
        #expect(scheduled.ok && scheduled.data["seq"] as? Int64 == 0)
        #expect(((try await org.request("announce.scheduled")).data["announcements"] as? [any Sendable])?.count == 1)
        #expect(try await server.database.publishDueAnnouncements(now: Timestamp(milliseconds: Int64((now.timeIntervalSince1970 + 601) * 1000))) == 1)
        let published = try await event(org, "announcement", topic: "seminar")
        #expect(published.data["text"] as? String == "Plenary in 10 minutes")
        #expect(((try await org.request("announce.scheduled")).data["announcements"] as? [any Sendable])?.isEmpty == true)

        let short = try await org.request("announce", ["text": "Coffee break", "expiresAt": iso(3600)])
        let id = try #require(short.data["announcementId"] as? Int64)
        #expect(try await org.request("announce.cancel", ["id": id]).ok)
        #expect(try await event(org, "announcement.expired").data["id"] as? Int64 == id)
        let (late, _, _) = try await server.signedInSocket("Late")
        let snapshot = try await late.request("subscribe", ["topic": "seminar"])
        let shown = ((snapshot.data["snapshot"] as? [String: any Sendable])?["announcements"] as? [[String: any Sendable]]) ?? []
        #expect(shown.map { $0["text"] as? String } == ["Plenary in 10 minutes"])
        await server.stop()
    }

    @Test("a backup taken under write load passes integrity_check and holds every message acknowledged before it")
    func backupUnderLoad() async throws {
        let (server, host) = try await RoomTests.setUp()
        #expect(try await host.request("room.enter", ["roomId": 1]).ok)
        #expect(try await host.request("room.open", ["roomId": 1]).ok)
        var writers: [TestSocket] = []
        for n in 0..<4 {
            let (socket, _, _) = try await server.signedInSocket("W\(n)")
            #expect(try await socket.request("room.enter", ["roomId": 1]).ok)
            writers.append(socket)
        }
        let acked = AckedIDs()
        let sockets = writers
        let load = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, socket) in sockets.enumerated() {
                    group.addTask {
                        for n in 0..<150 {
                            let reply = try await socket.request("chat.send", ["roomId": 1, "text": "w\(index) m\(n)"])
                            if let id = reply.data["messageId"] as? Int64 { acked.add(id) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Back up once some messages are acknowledged, while the writers keep going.
        while acked.count < 100 { _ = try await host.request("ping") }
        let ackedBefore = acked.all
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try server.sqlite.backup(to: path)
        try await load.value
        let copy = try DatabaseQueue(path: path)
        let (integrity, ids) = try await copy.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), Set(try Int64.fetchAll(db, sql: "SELECT id FROM chat_messages")))
        }
        #expect(integrity == "ok")
        #expect(ackedBefore.isSubset(of: ids))
        #expect(acked.count == 600)
        await server.stop()
    }
}

/// Message ids acknowledged by the server, from several writers.
final class AckedIDs: Sendable {
    private let ids = Mutex<Set<Int64>>([])
    func add(_ id: Int64) { ids.withLock { _ = $0.insert(id) } }
    var count: Int { ids.withLock { $0.count } }
    var all: Set<Int64> { ids.withLock { $0 } }
}
