import Foundation
import GRDB
import SeminarCore

/// The organiser console: roles, the people list, participants imports with one-time sign-in links, and the
/// dashboard's figures.
extension AppDatabase {
    /// Sets a person's role (and, for a host with a room, makes them a host of that room's session); the person is
    /// told on their topic. An organiser cannot demote themself (the seminar must keep one).
    public func setRole(of userId: Int64, to role: Role, roomId: RoomID?, by actor: UserRecord, now: Timestamp) async throws -> PersonRole {
        try await writer.write { db in
            guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [userId]) else {
                throw DomainError(.notFound, "No person \(userId)", field: "userId")
            }
            try RoleRules.maySet(role, of: UserID(userId), withRoom: roomId != nil, by: actor.id)
            // Every check before the first write.
            var session: SessionID?
            if let roomId {
                guard let found = try SessionID.fetchOne(db.cachedStatement(sql: "SELECT session_id FROM rooms WHERE id = ? AND session_id IS NOT NULL"),
                                                     arguments: [roomId]) else {
                    throw DomainError(.notFound, "No session room \(roomId)", field: "roomId")
                }
                session = found
            }
            try Self.changeRole(db, user: userId, to: role)
            if let session {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO session_hosts(session_id, user_id) VALUES (?, ?)").execute(arguments: [session, userId])
            }
            _ = try self.append(db, topic: .user(UserID(userId)), .access(.roleChanged(role: role, roomId: roomId)), at: now)
            if let roomId {
                _ = try self.append(db, topic: .user(UserID(userId)), .access(.hostingChanged(roomId: roomId, hosting: true)), at: now)
            }
            return PersonRole(id: UserID(userId), displayName: name, role: role)
        }
    }

    /// Takes the hosting of `room`'s session away from `userId` (their other sessions stay theirs), and tells them.
    public func removeHost(user userId: Int64, room roomId: RoomID, now: Timestamp) async throws {
        try await writer.write { db in
            guard let session = try SessionID.fetchOne(db.cachedStatement(sql: "SELECT session_id FROM rooms WHERE id = ? AND session_id IS NOT NULL"),
                                                   arguments: [roomId]) else {
                throw DomainError(.notFound, "No session room \(roomId)", field: "roomId")
            }
            let hosting = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM session_hosts WHERE session_id = ? AND user_id = ?"),
                                           arguments: [session, userId]) != nil
            try RoleRules.mayStopHosting(isHosting: hosting)
            try db.cachedStatement(sql: "DELETE FROM session_hosts WHERE session_id = ? AND user_id = ?").execute(arguments: [session, userId])
            _ = try self.append(db, topic: .user(UserID(userId)), .access(.hostingChanged(roomId: roomId, hosting: false)), at: now)
        }
    }

    /// The sessions `user` hosts, in time order, with their rooms' states.
    public func hostedSessions(of user: UserID) async throws -> (sessions: [ProgramSession], bookmarks: Set<SessionID>) {
        try await writer.read { db in
            let bookmarks = Set(try SessionID.fetchAll(db.cachedStatement(sql: "SELECT session_id FROM agenda_items WHERE user_id = ?"), arguments: [user.rawValue]))
            return (try Row.fetchAll(db, sql: Self.sessionSelect + """
                 JOIN session_hosts h ON h.session_id = s.id WHERE h.user_id = ? ORDER BY s.starts_at, s.id
                """, arguments: [user.rawValue]).map(ProgramSession.init(row:)), bookmarks)
        }
    }

    /// Stores a person's role. Host rights go with the host role: a person who is neither host nor organiser any more
    /// hosts no session.
    static func changeRole(_ db: Database, user: Int64, to role: Role) throws {
        try db.cachedStatement(sql: "UPDATE users SET role = ? WHERE id = ?").execute(arguments: [role.rawValue, user])
        if role != .host, role != .organiser {
            try db.cachedStatement(sql: "DELETE FROM session_hosts WHERE user_id = ?").execute(arguments: [user])
        }
    }

    /// People for the console, by name or email, newest accounts first.
    public func peopleList(query: String?, role: Role?, before: Int64?, limit: Int) async throws -> ConsolePeoplePage {
        try await writer.read { db in
            var conditions = ["u.id < ?"]
            var arguments: [any DatabaseValueConvertible] = [before ?? Int64.max]
            if let role { conditions.append("u.role = ?"); arguments.append(role.rawValue) }
            if let query, !query.trimmingWhitespace().isEmpty {
                conditions.append("(u.display_name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')")
                let escaped = query.trimmingWhitespace().replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
                arguments += ["%\(escaped)%", "%\(escaped)%"]
            }
            arguments.append(limit + 1)
            let rows = try Row.fetchAll(db, sql: """
                SELECT u.id, u.email, u.display_name, u.role, u.last_seen_at, p.data FROM users u LEFT JOIN profiles p ON p.user_id = u.id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY u.id DESC LIMIT ?
                """, arguments: StatementArguments(arguments))
            let people = try rows.prefix(limit).map { row in
                let profile: Profile = try (row["data"] as String?).map { try Self.decode($0) } ?? Profile()
                let hosted = try RoomID.fetchAll(db.cachedStatement(sql: """
                    SELECT r.id FROM session_hosts h JOIN rooms r ON r.session_id = h.session_id JOIN sessions s ON s.id = h.session_id
                    WHERE h.user_id = ? ORDER BY s.starts_at, r.id
                    """), arguments: [row["id"] as Int64])
                return ConsolePerson(id: row["id"], email: row["email"], displayName: row["display_name"],
                                     role: Role(rawValue: row["role"]) ?? .participant, organisation: profile.organisation,
                                     lastSeenAt: (row["last_seen_at"] as Int64?).map { Timestamp(milliseconds: $0) }, hostedRooms: hosted)
            }
            return ConsolePeoplePage(people: people, more: rows.count > limit)
        }
    }

    /// Every registered email, lower-cased (to tell new people from existing ones in an import).
    public func allEmails() async throws -> Set<String> {
        try await writer.read { db in Set(try String.fetchAll(db.cachedStatement(sql: "SELECT lower(email) FROM users"))) }
    }

    /// Creates or updates everyone of a checked import in one transaction. Each account it creates gets a one-time
    /// sign-in link (`tokens`, one per person, are used for new accounts only); an account that exists is updated
    /// and gets none, whoever it belongs to: a link would let the importing organiser sign in as them and read
    /// their messages and tickets. An empty cell never overwrites what is stored. `passwordHash` is for new
    /// accounts (a secret nobody knows: they sign in by their link, then may set a password). A new account speaks
    /// the first of the person's languages the seminar has. With `invite`, each new person's invitation (carrying
    /// their link) is queued in this same transaction.
    public func importParticipants(_ people: [ImportedPerson], tokens: [(token: String, hash: [UInt8])], passwordHash: String,
                                   linkHours: Int, by actor: UserID?, now: Timestamp,
                                   invite: InvitationMail.Composer? = nil) async throws -> ImportOutcome {
        try await writer.write { db in
            var created = 0
            let seminar = try invite.map { _ in try Self.mailSeminar(db) }
            var accounts: [ImportOutcome.Account] = []
            let expires = now.adding(seconds: Int64(linkHours) * 3600)
            for (person, token) in zip(people, tokens) {
                var userId = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM users WHERE email = ?"), arguments: [person.email])
                let isNew = userId == nil
                if let id = userId {
                    if let name = person.name {
                        try db.cachedStatement(sql: "UPDATE users SET display_name = ? WHERE id = ?").execute(arguments: [name, id])
                        try db.cachedStatement(sql: "UPDATE people_fts SET name = ? WHERE user_id = ?").execute(arguments: [name, id])
                    }
                    if let role = person.role,
                       try String.fetchOne(db.cachedStatement(sql: "SELECT role FROM users WHERE id = ?"), arguments: [id]) != role.rawValue {
                        try Self.changeRole(db, user: id, to: role)
                        _ = try self.append(db, topic: .user(UserID(id)), .access(.roleChanged(role: role, roomId: nil)), at: now)
                    }
                } else {
                    try db.cachedStatement(sql: """
                        INSERT INTO users(email, password_hash, display_name, locale, role, created_at) VALUES (?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [person.email, passwordHash, person.name ?? person.email, (person.preferredLanguage ?? .en).rawValue,
                                                 (person.role ?? .participant).rawValue, now.milliseconds])
                    userId = db.lastInsertedRowID
                    try db.cachedStatement(sql: "INSERT INTO people_fts(user_id, name, organisation, city) VALUES (?, ?, '', '')").execute(
                                   arguments: [userId, person.name ?? person.email])
                    created += 1
                }
                guard let id = userId else { continue }
                if let edit = person.profileEdit { _ = try Self.applyProfile(db, user: id, edit: edit) }
                guard isNew else {
                    accounts.append(.init(line: person.line, email: person.email, userId: id, created: false, signInToken: nil, expiresAt: nil))
                    continue
                }
                let invitee = InvitationMail.Invitee(userID: UserID(id), email: person.email, name: person.name ?? person.email,
                                                     language: person.preferredLanguage ?? .en, token: token.token, expiresAt: expires)
                try Self.insertSignInLink(db, invitee, tokenHash: token.hash, now: now)
                if let invite, let seminar { try Self.enqueueMail(db, invite(invitee, seminar), now: now) }
                accounts.append(.init(line: person.line, email: person.email, userId: id, created: true, signInToken: token.token, expiresAt: expires))
            }
            try Self.audit(db, actor: actor, action: "POST /api/admin/participants", target: "\(people.count) people",
                           detail: "created \(created), updated \(people.count - created)\(invite == nil ? "" : ", invited \(created)")", now: now)
            return ImportOutcome(created: created, updated: people.count - created, invited: invite == nil ? 0 : created, accounts: accounts)
        }
    }

    /// Uses a one-time sign-in link: the person, if the link is known, unused and not expired; it is spent either way.
    public func consumeSignInLink(hash: [UInt8], now: Timestamp) async throws -> UserRecord? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT user_id, expires_at, used_at FROM signin_links WHERE token_hash = ?"),
                                             arguments: [Data(hash)]) else { return nil }
            try db.cachedStatement(sql: "UPDATE signin_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL").execute(arguments: [now.milliseconds, Data(hash)])
            guard (row["used_at"] as Int64?) == nil, (row["expires_at"] as Int64) > now.milliseconds else { return nil }
            return try UserRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?"), arguments: [row["user_id"] as Int64])
        }
    }

    /// Notes that a person was here (on `hello`), for "online today".
    public func touch(user: UserID, now: Timestamp) async throws {
        try await joinWrites.write { db in
            try db.cachedStatement(sql: "UPDATE users SET last_seen_at = ? WHERE id = ?").execute(arguments: [now.milliseconds, user.rawValue])
        }
    }

    /// The dashboard's figures from the database (who is online now comes from the hub).
    public func adminFigures(dayStart: Timestamp, now: Timestamp) async throws -> SeminarFigures {
        try await writer.read { db in
            let count = { (sql: String, arguments: StatementArguments) in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
            let rooms = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.id, r.session_id, r.state, COALESCE(s.title, r.name) AS title FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id
                WHERE r.kind IN ('session', 'channel')
                  AND (r.state IN ('open', 'live') OR EXISTS (SELECT 1 FROM attendance a WHERE a.room_id = r.id))
                ORDER BY r.state = 'live' DESC, r.id
                """)).map { row in
                SeminarFigures.Room(roomId: row["id"], sessionId: row["session_id"], title: (try? Self.decode(row["title"] ?? "{}")) ?? LocalizedText(),
                                    state: row["state"] ?? "scheduled", peak: try Self.peakAttendance(db, room: row["id"]))
            }
            let meetingStats = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT SUM(m.status = 'booked') AS booked, SUM(m.status = 'cancelled') AS cancelled,
                       SUM(m.status = 'booked' AND m.a_checked_in = 1 AND m.b_checked_in = 1) AS held,
                       SUM(m.status = 'booked' AND s.ends_at < ? AND NOT (m.a_checked_in = 1 AND m.b_checked_in = 1)) AS no_show
                FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id
                """), arguments: [now.milliseconds])
            let perMinute = try Self.messagesPerMinute(db, now: now)
            return SeminarFigures(
                onlineToday: try count("SELECT COUNT(*) FROM users WHERE last_seen_at >= ?", [dayStart.milliseconds]),
                registered: try count("SELECT COUNT(*) FROM users", []),
                rooms: rooms,
                desk: SeminarFigures.Desk(waiting: try count("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'", []),
                                  claimed: try count("SELECT COUNT(*) FROM tickets WHERE state = 'claimed'", []),
                                  resolvedToday: try count("SELECT COUNT(*) FROM tickets WHERE state = 'resolved' AND resolved_at >= ?", [dayStart.milliseconds])),
                meetings: SeminarFigures.Meetings(requested: try count("SELECT COUNT(*) FROM meeting_requests", []),
                                         accepted: meetingStats?["booked"] ?? 0, held: meetingStats?["held"] ?? 0,
                                         cancelled: meetingStats?["cancelled"] ?? 0, noShow: meetingStats?["no_show"] ?? 0),
                messagesPerMinute: perMinute)
        }
    }

    /// The most people in a room at once, from the join and leave times (each person once, whatever their tabs).
    static func peakAttendance(_ db: Database, room: RoomID) throws -> Int {
        let visits = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, user_id, joined_at, left_at FROM attendance WHERE room_id = ?"),
                                      arguments: [room]).map { row in
            Headcount.Visit(id: row["id"], person: UserID(row["user_id"] as Int64), joinedAt: row["joined_at"], leftAt: row["left_at"])
        }
        return Headcount.peak(of: visits)
    }

    /// Chat messages, questions, DMs and desk messages per minute over the last hour (60 entries, oldest first).
    static func messagesPerMinute(_ db: Database, now: Timestamp) throws -> [SeminarFigures.Minute] {
        let end = now.milliseconds - now.milliseconds % 60_000 + 60_000
        let start = end - 60 * 60_000
        var counts = [Int](repeating: 0, count: 60)
        for table in ["chat_messages", "questions", "direct_messages", "ticket_messages"] {
            for row in try Row.fetchAll(db, sql: "SELECT (at - ?) / 60000 AS minute, COUNT(*) AS n FROM \(table) WHERE at >= ? AND at < ? GROUP BY minute",
                                        arguments: [start, start, end]) {
                let minute: Int = row["minute"]
                if (0..<60).contains(minute) { counts[minute] += row["n"] as Int }
            }
        }
        return counts.enumerated().map { SeminarFigures.Minute(start: Timestamp(milliseconds: start + Int64($0.offset) * 60_000), count: $0.element) }
    }
}
