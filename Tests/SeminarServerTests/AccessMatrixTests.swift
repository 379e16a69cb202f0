import Foundation
import GRDB
import SeminarCore
import SeminarServer
import Testing

/// The access matrix, generated from the two permission tables (`Permissions` for message types, `HTTPAccess` for
/// routes) and checked against the running server's handlers: every message type and every route × every role.
@Suite("access matrix")
struct AccessMatrixTests {
    enum Who: String, CaseIterable {
        case anonymous, participant, hostOfThisRoom, hostOfAnotherRoom, agent, organiser
        var role: Role? {
            switch self {
            case .anonymous: nil
            case .participant: .participant
            case .hostOfThisRoom, .hostOfAnotherRoom: .host
            case .agent: .agent
            case .organiser: .organiser
            }
        }
    }

    @Test("the router holds exactly the routes of the HTTP permission table (a new route needs a rule)")
    func everyRouteHasARule() async throws {
        let server = try await TestServer.start()
        #expect(Set(server.server.routes) == Set(HTTPAccess.routes.map(\.description)))
        await server.stop()
    }

    @Test("every route × every role: allowed where the table allows, 401/403 where it refuses, 404 for a wrong secret")
    func routes() async throws {
        let server = try await TestServer.start()
        let account = try await server.makeUser("Returning").user
        let bodies: [String: String] = [
            "/api/login": #"{"email":"\#(account.email)","password":"password-123"}"#,
            "/api/password": #"{"currentPassword":"password-123","newPassword":"password-456"}"#,
            "/api/register": #"{"email":"new-\#(UUID().uuidString.prefix(6))@example.org","password":"password-123","displayName":"N"}"#,
        ]
        for route in HTTPAccess.routes {
            for who in Who.allCases where who != .hostOfAnotherRoom {
                var headers: [String: String] = [:]
                if let role = who.role { headers["Authorization"] = "Bearer \(try await server.makeUser("U", role: role).token)" }
                let path = route.path.replacingOccurrences(of: "{file}", with: route.path.contains("calendar") ? "no-such-key.ics" : "chat.csv")
                    .replacingOccurrences(of: "{token}", with: "no-such-token").replacingOccurrences(of: "{id}", with: "999999")
                var body: Data?
                if route.method == "POST" {
                    body = Data((bodies[route.path] ?? "{}").utf8)
                    headers["Content-Type"] = "application/json"
                }
                let url = server.http + path + (path.hasSuffix(".csv") ? "?roomId=1" : "")
                let status = route.rule == .secretInPath
                    ? try await HTTP.noRedirect(url).status
                    : try await HTTP.send(route.method, url, body: body, headers: headers).status
                let label = "\(route) as \(who.rawValue): \(status)"
                switch route.rule {
                case .anyone, .allowedAddress:  // the tests run from 127.0.0.1, which metricsAllowed holds by default
                    #expect(status != 401 && status != 403, "\(label)")
                case .signedIn:
                    #expect(who == .anonymous ? status == 401 : (status != 401 && status != 403), "\(label)")
                case .roles(let roles):
                    let expected: Int? = who.role.map { roles.contains($0) ? nil : 403 } ?? 401
                    if let expected { #expect(status == expected, "\(label)") } else { #expect(status != 401 && status != 403, "\(label)") }
                case .secretInPath:
                    #expect(status == 404 || status == 303, "\(label)")  // a wrong link redirects to the link-expired page
                }
            }
        }
        await server.stop()
    }

    @Test("every message type × every role: the dispatcher refuses exactly what the table refuses")
    func messages() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)
        var sockets: [Who: TestSocket] = [:]
        for who in Who.allCases {
            guard let role = who.role else {
                sockets[who] = try await TestSocket.connect(server.ws)
                continue
            }
            let (socket, user, _) = try await server.signedInSocket(who.rawValue, role: role)
            if who == .hostOfThisRoom { try await server.database.addHost(user: user.id, session: SessionID(1)) }
            if who == .hostOfAnotherRoom { try await server.database.addHost(user: user.id, session: SessionID(2)) }
            sockets[who] = socket
        }
        // The same well-formed-enough data for every type: refusals by the table come before the data is read.
        let data: [String: Any] = ["roomId": 1, "sessionId": 1, "id": 999_999, "userId": 999_999, "ticketId": 999_999,
                                   "meetingId": 999_999, "postId": 999_999, "text": "x", "topic": "seminar"]
        for type in MessageType.allCases where type != .hello {
            for who in Who.allCases {
                let reply = try await sockets[who]!.request(type.rawValue, data)
                let code = reply.errorCode
                let message = reply.error["message"] as? String ?? ""
                let label = "\(type.rawValue) as \(who.rawValue): \(reply.raw.prefix(200))"
                switch Permissions.check(type, role: who.role) {
                case .success:
                    // Allowed by the table: whatever the handler then says, it is not the table's refusal.
                    #expect(code != "unauthenticated", "\(label)")
                    #expect(!(code == "forbidden" && message.hasSuffix("may send \(type.rawValue)")), "\(label)")
                    // The handler's own check: a host reaches only their own session's room.
                    if who == .hostOfAnotherRoom, Permissions.rule(for: type) == .roles([.host, .organiser]) {
                        #expect(code == "forbidden" || code == "invalid", "\(label)")
                    }
                case .failure(let refusal):
                    #expect(code == refusal.code.rawValue, "\(label)")
                }
            }
        }
        for socket in sockets.values { await socket.close() }
        await server.stop()
    }

    @Test("subscribe: every topic kind × every role, as the topic rule and the room rule say (standings: RoomAccessPathTests)")
    func subscriptions() async throws {
        let server = try await TestServer.start()
        try await ProgramTests.load(server)
        let (someone, someoneUser, _) = try await server.signedInSocket("Someone else")
        for who in Who.allCases {
            let socket: TestSocket
            var own = "user:0"
            if let role = who.role {
                let (signedIn, user, _) = try await server.signedInSocket(who.rawValue, role: role)
                if who == .hostOfThisRoom { try await server.database.addHost(user: user.id, session: SessionID(1)) }
                socket = signedIn
                own = "user:\(user.id.rawValue)"
            } else {
                socket = try await TestSocket.connect(server.ws)
            }
            let staff = who == .agent || who == .organiser
            let expected: [(topic: String, code: String)] = [
                ("seminar", "ok"), ("lounge", "ok"), ("feed", "ok"), ("desk", staff ? "ok" : "forbidden"), (own, "ok"),
                ("user:\(someoneUser.id.rawValue)", "forbidden"), ("room:1", "ok"), ("room:999999", "not_found"),
                ("nonsense", "not_found"), ("room:", "not_found"),
            ]
            for (topic, code) in expected {
                let reply = try await socket.request("subscribe", ["topic": topic])
                let want = who == .anonymous ? "unauthenticated" : code
                #expect((reply.errorCode ?? "ok") == want, "subscribe \(topic) as \(who.rawValue): \(reply.raw.prefix(200))")
            }
            await socket.close()
        }
        await someone.close()
        await server.stop()
    }

    @Test("nobody reaches another person's topic, ticket or meeting by guessing its id")
    func objects() async throws {
        let server = try await TestServer.start()
        let (asker, askerUser, _) = try await server.signedInSocket("Asker")
        let (stranger, _, _) = try await server.signedInSocket("Stranger")
        let ticket = try await asker.request("desk.ask", ["text": "Where is the plenary?", "page": "#/sessions"])
        #expect(ticket.ok, "\(ticket.raw)")
        let ticketId = (ticket.data["ticket"] as? [String: any Sendable])?["id"] as? Int64 ?? ticket.data["id"] as? Int64 ?? 1
        #expect(try await stranger.request("subscribe", ["topic": "user:\(askerUser.id.rawValue)"]).errorCode == "forbidden")
        #expect(try await stranger.request("subscribe", ["topic": "desk"]).errorCode == "forbidden")
        for type in ["desk.ticket", "desk.message", "desk.resolve"] {
            let reply = try await stranger.request(type, ["ticketId": ticketId, "id": ticketId, "text": "mine now"])
            #expect(["forbidden", "not_found"].contains(reply.errorCode ?? "ok"), "\(type): \(reply.raw)")
        }
        for type in ["meeting.cancel", "meeting.checkin", "rtc.signal", "meeting.accept"] {
            let reply = try await stranger.request(type, ["meetingId": 1, "requestId": 1, "id": 1, "signal": ["kind": "offer", "sdp": "x"]])
            #expect(reply.errorCode != nil, "\(type): \(reply.raw)")
        }
        await asker.close()
        await stranger.close()
        await server.stop()
    }

    @Test("a socket closes (4001) when its session expires, within sessionCheckSeconds")
    func sessionExpiry() async throws {
        let server = try await TestServer.start { $0.sessionCheckSeconds = 1 }
        let user = try await server.makeUser("Soon gone").user
        let token = "expiring-\(UUID().uuidString)"
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await server.database.createAuthSession(tokenHash: Passwords.tokenHash(token), user: user.id,
                                                    now: Timestamp(milliseconds: now), expiresAt: Timestamp(milliseconds: now + 3_600_000))
        let (lasting, _, _) = try await server.signedInSocket("Stays")
        let socket = try await TestSocket.connect(server.ws)
        #expect(try await socket.request("hello", ["token": token]).ok)
        // Time passes: the session's end is now behind us.
        try await server.sqlite.writer.write { db in
            try db.execute(sql: "UPDATE auth_sessions SET expires_at = ? WHERE token_hash = ?",
                           arguments: [now - 1, Data(Passwords.tokenHash(token))])
        }
        let closed = try await withDeadline(10, "the expired session's socket to close") { try await socket.closed.value }
        #expect(closed?.closeCode == .unknown(4001))
        #expect(closed?.reason == "session expired")
        #expect(try await lasting.request("ping").ok)
        await lasting.close()
        await server.stop()
    }
}
