import Foundation
import SeminarCore
import SeminarServer
import SeminarStore
import Testing

@Suite("program, revisions and the personal agenda")
struct ProgramTests {
    static let programJSON = """
    {"name": {"fr": "Séminaire test", "en": "Test seminar"}, "timeZone": "Europe/Madrid",
     "tracks": [{"key": "assembly", "name": {"fr": "Assemblée", "en": "Assembly"}}],
     "sessions": [
       {"key": "a", "track": "assembly", "start": "2021-02-15T10:00", "end": "2021-02-15T11:30",
        "title": {"fr": "Stratégie de diffusion pour un mouvement inclusif"},
        "description": {"fr": "La session explorera comment les sections régionales peuvent être autonomisées."},
        "hostOrganisation": "UCLG", "languages": ["fr", "es"],
        "agenda": [{"title": {"fr": "1. Ouverture"}, "items": [{"title": {"fr": "a) Exercice pour rompre la glace"}}]}]},
       {"key": "b", "start": "2021-02-15T11:00", "end": "2021-02-15T12:00", "title": {"en": "Overlapping session"}},
       {"key": "c", "start": "2021-02-16T09:00", "end": "2021-02-16T10:00", "title": {"es": "Sesión del martes"}}
     ]}
    """

    static func load(_ server: TestServer) async throws {
        try await server.database.loadProgram(try ProgramImport.parse(Data(programJSON.utf8)))
    }

    @Test("program.get lists days, tracks and sessions with rooms; session.get has the details")
    func programAndSession() async throws {
        let server = try await TestServer.start()
        try await Self.load(server)
        let (socket, _, _) = try await server.signedInSocket()
        let program = try await socket.request("program.get")
        #expect(program.ok)
        #expect((program.data["days"] as? [any Sendable])?.compactMap { $0 as? String } == ["2021-02-15", "2021-02-16"])
        let sessions = try #require(program.data["sessions"] as? [any Sendable]).compactMap { $0 as? [String: any Sendable] }
        #expect(sessions.count == 3)
        #expect(sessions[0]["startsAt"] as? String == "2021-02-15T09:00:00.000Z")  // 10:00 in Madrid
        #expect(sessions.allSatisfy { $0["roomId"] is Int64 && $0["state"] as? String == "scheduled" })
        // Languages as the program gives them; none said, none invented.
        #expect((sessions[0]["languages"] as? [any Sendable])?.compactMap { $0 as? String } == ["fr", "es"])
        #expect((sessions[1]["languages"] as? [any Sendable])?.isEmpty == true)
        let id = try #require(sessions[0]["id"] as? Int64)
        let detail = try await socket.request("session.get", ["sessionId": id])
        let details = try #require(detail.data["details"] as? [String: any Sendable])
        #expect(details["hostOrganisation"] as? String == "UCLG")
        #expect((details["languages"] as? [any Sendable])?.compactMap { $0 as? String } == ["fr", "es"])
        #expect(((detail.data["session"] as? [String: any Sendable])?["languages"] as? [any Sendable])?.count == 2)
        #expect((details["agenda"] as? [any Sendable])?.count == 1)
        #expect(detail.data["canEdit"] as? Bool == false || detail.data["canEdit"] as? Int64 == 0)
        #expect(try await socket.request("session.get", ["sessionId": 999]).errorCode == "not_found")
        await server.stop()
    }

    @Test("GET /api/program: the program before sign-in, its public fields only")
    func publicProgram() async throws {
        let server = try await TestServer.start()
        try await Self.load(server)
        let (_, user, _) = try await server.signedInSocket("Bookmarker")
        try await server.database.bookmark(session: SessionID(1), user: user.id, now: Timestamp(milliseconds: 0))
        let answer = try await HTTP.send("GET", server.http + "/api/program")  // no cookie, no token
        #expect(answer.status == 200)
        #expect(answer.json["timeZone"] as? String == "Europe/Madrid")
        #expect(answer.json["days"] as? [String] == ["2021-02-15", "2021-02-16"])
        #expect((answer.json["tracks"] as? [[String: Any]])?.first?["key"] as? String == "assembly")
        let sessions = try #require(answer.json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["key"] as? String } == ["a", "b", "c"])
        #expect(sessions[0]["startsAt"] as? String == "2021-02-15T09:00:00.000Z")
        #expect(sessions[0]["hostOrganisation"] as? String == "UCLG")
        #expect(sessions[0]["languages"] as? [String] == ["fr", "es"])
        #expect((sessions[0]["title"] as? [String: Any])?["fr"] as? String == "Stratégie de diffusion pour un mouvement inclusif")
        // Only what the first page shows: nothing about rooms, their state, hosts, descriptions or anyone's bookmarks.
        let fields = Set(sessions.flatMap(\.keys))
        #expect(fields == ["id", "key", "trackId", "title", "startsAt", "endsAt", "hostOrganisation", "languages"])
        #expect(!String(decoding: answer.body, as: UTF8.self).contains("autonomisées"))
        await server.stop()
    }

    @Test("session.update: refused to participants and other hosts; a host's edit stores a revision with a word diff")
    func updateAndRevisions() async throws {
        let server = try await TestServer.start()
        try await Self.load(server)
        let (participant, _, _) = try await server.signedInSocket("P")
        let (otherHost, _, _) = try await server.signedInSocket("Other host", role: .host)
        let (host, hostUser, _) = try await server.signedInSocket("Host", role: .host)
        try await server.database.addHost(user: hostUser.id, session: SessionID(1))
        let (watcher, _, _) = try await server.signedInSocket("Watcher")
        #expect(try await watcher.request("subscribe", ["topic": "seminar"]).ok)

        let edit: [String: Any] = ["sessionId": 1, "description": ["fr": "La session explorera comment les sections de CGLU peuvent être davantage autonomisées."]]
        #expect(try await participant.request("session.update", edit).errorCode == "forbidden")
        #expect(try await otherHost.request("session.update", edit).errorCode == "forbidden")
        let updated = try await host.request("session.update", edit)
        #expect(updated.ok && updated.data["revision"] as? Int64 == 1)
        let event = try await watcher.nextEvent()
        #expect(event.type == "session.updated" && event.data["id"] as? Int64 == 1)

        let emptied = try await host.request("session.update", ["sessionId": 1, "title": ["fr": ""]])
        #expect(emptied.errorCode == "invalid" && emptied.error["field"] as? String == "title")

        let revisions = try await participant.request("session.revisions", ["sessionId": 1])
        let list = try #require(revisions.data["revisions"] as? [any Sendable]).compactMap { $0 as? [String: any Sendable] }
        #expect(list.count == 1)
        #expect((list[0]["author"] as? [String: any Sendable])?["displayName"] as? String == "Host")
        let change = try #require((list[0]["changes"] as? [any Sendable])?.first as? [String: any Sendable])
        #expect(change["field"] as? String == "description" && change["language"] as? String == "fr")
        let runs = (change["runs"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(runs.contains { $0["kind"] as? String == "deleted" && ($0["text"] as? String ?? "").contains("régionales") })
        #expect(runs.contains { $0["kind"] as? String == "inserted" && ($0["text"] as? String ?? "").contains("davantage") })
        await server.stop()
    }

    @Test("agenda: bookmarks with clashes marked, iCalendar by session and by key, key revocation")
    func agendaAndCalendar() async throws {
        let server = try await TestServer.start()
        try await Self.load(server)
        let (socket, _, token) = try await server.signedInSocket("Planner")
        for id in [1, 2, 3] { #expect(try await socket.request("agenda.add", ["sessionId": id]).ok) }
        #expect(try await socket.request("agenda.add", ["sessionId": 42]).errorCode == "not_found")
        let agenda = try await socket.request("agenda.get")
        let entries = try #require(agenda.data["sessions"] as? [any Sendable]).compactMap { $0 as? [String: any Sendable] }
        #expect(entries.count == 3)
        #expect((entries[0]["clashesWith"] as? [any Sendable])?.compactMap { $0 as? String } == ["session:2"])
        #expect((entries[2]["clashesWith"] as? [any Sendable])?.isEmpty == true)
        #expect(try await socket.request("agenda.remove", ["sessionId": 2]).ok)

        let ics = try await HTTP.send("GET", server.http + "/api/agenda.ics", headers: ["Authorization": "Bearer \(token)"])
        #expect(ics.status == 200 && ics.header("Content-Type")?.hasPrefix("text/calendar") == true)
        let text = String(decoding: ics.body, as: UTF8.self)
        #expect(text.contains("UID:session-a@seminar") && text.contains("DTSTART:20210215T090000Z"))
        #expect(!text.contains("UID:session-b@seminar"))
        #expect(text.contains("X-WR-TIMEZONE:Europe/Madrid"))

        let url = try #require(agenda.data["calendarUrl"] as? String)
        #expect(try await HTTP.send("GET", server.http + url).status == 200)
        let revoked = try await HTTP.send("POST", server.http + "/api/calendar/revoke", headers: ["Authorization": "Bearer \(token)"])
        #expect(revoked.status == 200)
        #expect(try await HTTP.send("GET", server.http + url).status == 404)
        #expect(try await HTTP.send("GET", server.http + "/api/agenda.ics").status == 401)
        await server.stop()
    }

    @Test("a bad program file changes nothing and names the entry and field; a good re-import keeps bookmarks")
    func programImport() async throws {
        let server = try await TestServer.start()
        try await Self.load(server)
        let (socket, _, _) = try await server.signedInSocket("Keeper")
        #expect(try await socket.request("agenda.add", ["sessionId": 1]).ok)
        let (_, organiserToken) = try await server.makeUser("Organiser", role: .organiser)
        let (_, participantToken) = try await server.makeUser("Someone")
        let url = server.http + "/api/admin/program"

        var bad = Self.programJSON.replacingOccurrences(of: #""key": "c", "start": "2021-02-16T09:00""#, with: #""key": "c", "start": "tomorrow""#)
        var result = try await HTTP.send("POST", url, body: Data(bad.utf8), headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(result.status == 400 && result.errorField == "sessions[2] (c).start")
        bad = Self.programJSON.replacingOccurrences(of: #""track": "assembly", "start""#, with: #""track": "nowhere", "start""#)
        result = try await HTTP.send("POST", url, body: Data(bad.utf8), headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(result.status == 400 && result.errorField == "sessions[0] (a).track")
        result = try await HTTP.send("POST", url, body: Data(#"{"name": 3}"#.utf8), headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(result.status == 400)
        result = try await HTTP.send("POST", url, body: Data(Self.programJSON.utf8), headers: ["Authorization": "Bearer \(participantToken)"])
        #expect(result.status == 403)
        let program = try await socket.request("program.get")
        #expect((program.data["sessions"] as? [any Sendable])?.count == 3)

        let moved = Self.programJSON.replacingOccurrences(of: "2021-02-15T10:00", with: "2021-02-15T10:15")
            .replacingOccurrences(of: #""key": "c","#, with: #""key": "d", "start": "2021-02-17T09:00", "end": "2021-02-17T10:00", "title": {"fr": "Nouvelle"}}, {"key": "c","#)
        result = try await HTTP.send("POST", url, body: Data(moved.utf8), headers: ["Authorization": "Bearer \(organiserToken)"])
        #expect(result.status == 200 && result.json["sessions"] as? Int == 4)
        let agenda = try await socket.request("agenda.get")
        let entries = (agenda.data["sessions"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        let session = entries.first?["session"] as? [String: any Sendable]
        #expect(session?["id"] as? Int64 == 1 && session?["startsAt"] as? String == "2021-02-15T09:15:00.000Z")
        await server.stop()
    }

    @Test("the demo seminar loads: a session live now, one next, the channel on the home topic")
    func demo() async throws {
        let server = try await TestServer.start {
            $0.demo = true
            $0.demoDirectory = FileManager.default.currentDirectoryPath + "/Config/demo"
        }
        let (socket, _, _) = try await server.signedInSocket()
        let program = try await socket.request("program.get")
        let sessions = (program.data["sessions"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(sessions.count >= 40)
        #expect((program.data["days"] as? [any Sendable])?.count ?? 0 >= 6)
        let now = Date()
        let starts = sessions.compactMap { ($0["startsAt"] as? String).flatMap { Timestamp(iso8601: $0) } }
        #expect(starts.contains { Double($0.seconds) > now.timeIntervalSince1970 && Double($0.seconds) < now.timeIntervalSince1970 + 3 * 3600 })
        let seminar = try await socket.request("subscribe", ["topic": "seminar"])
        let snapshot = try #require(seminar.data["snapshot"] as? [String: any Sendable])
        let live = (snapshot["live"] as? [any Sendable] ?? []).compactMap { $0 as? [String: any Sendable] }
        #expect(!live.isEmpty)
        let channel = try #require(snapshot["channel"] as? [String: any Sendable])
        #expect((channel["name"] as? [String: any Sendable])?["en"] as? String == "UCLG TV")
        #expect(channel["now"] is [String: any Sendable])
        let languages = Set(sessions.flatMap { ($0["title"] as? [String: any Sendable])?.keys.map { $0 } ?? [] })
        #expect(languages == ["fr", "en", "es"])
        await server.stop()
    }
}
