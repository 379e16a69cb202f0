import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The organiser console in PostgreSQL (the cluster's ``ConsoleStore``): the dashboard's figures, the people list, the
/// audit log, exports, participants imports with their one-time sign-in links, and each person's last visit. A sign-in
/// link is spent by one atomic update, so the same link tried on two nodes at once signs in once.
public final class PostgresConsole: ConsoleStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Every registered email, lower-cased (to tell new people from existing ones in an import).
    public func allEmails() async throws -> Set<String> {
        let logger = logger
        return try await context.read { connection in Set(try await connection.values("SELECT lower(email) FROM users", as: String.self, logger: logger)) }
    }

    /// People for the console, by name or email, newest accounts first.
    public func peopleList(query: String?, role: Role?, before: Int64?, limit: Int) async throws -> ConsolePeoplePage {
        let logger = logger
        let pattern = query.map { $0.trimmingWhitespace() }.flatMap { text in
            text.isEmpty ? nil : "%" + text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%"
        }
        return try await context.read { connection in
            var rows: [(UserID, String, String, String, Int64?, String?)] = []
            // ILIKE: SQLite's LIKE ignores case.
            for try await row in try await connection.query("""
                SELECT u.id, u.email, u.display_name, u.role, u.last_seen_at, p.data FROM users u LEFT JOIN profiles p ON p.user_id = u.id
                WHERE u.id < \(before ?? Int64.max) AND (\(role?.rawValue)::text IS NULL OR u.role = \(role?.rawValue))
                  AND (\(pattern)::text IS NULL OR u.display_name ILIKE \(pattern) OR u.email ILIKE \(pattern))
                ORDER BY u.id DESC LIMIT \(limit + 1)
                """, logger: logger).decode((UserID, String, String, String, Int64?, String?).self) {
                rows.append(row)
            }
            var people: [ConsolePerson] = []
            for (id, email, name, role, lastSeen, data) in rows.prefix(limit) {
                let profile: Profile = try data.map { try ColumnJSON.decode($0) } ?? Profile()
                let hosted = try await connection.values("""
                    SELECT r.id FROM session_hosts h JOIN rooms r ON r.session_id = h.session_id JOIN sessions s ON s.id = h.session_id
                    WHERE h.user_id = \(id) ORDER BY s.starts_at, r.id
                    """, as: RoomID.self, logger: logger)
                people.append(ConsolePerson(id: id, email: email, displayName: name, role: Role(rawValue: role) ?? .participant,
                                            organisation: profile.organisation, lastSeenAt: lastSeen.map { Timestamp(milliseconds: $0) },
                                            hostedRooms: hosted))
            }
            return ConsolePeoplePage(people: people, more: rows.count > limit)
        }
    }

    /// Uses a one-time sign-in link: the person, if the link is known, unused and not expired; it is spent either way.
    /// One update spends it: a second try, on any node and at the same moment, finds it used.
    public func consumeSignInLink(hash: [UInt8], now: Timestamp) async throws -> UserRecord? {
        let logger = logger
        return try await context.write { connection, _ in
            var spent: (user: Int64, expires: Int64)?
            for try await row in try await connection.query("""
                UPDATE signin_links SET used_at = \(now.milliseconds) WHERE token_hash = \(ByteBuffer(bytes: hash)) AND used_at IS NULL
                RETURNING user_id, expires_at
                """, logger: logger).decode((Int64, Int64).self) {
                spent = row
            }
            guard let spent, spent.expires > now.milliseconds else { return nil }
            return try await PostgresAccounts.record("SELECT \(unescaped: PostgresAccounts.columns) FROM users WHERE id = \(spent.user)",
                                                     on: connection, logger: logger)
        }
    }

    /// Notes that a person was here (on `hello`), for "online today".
    public func touch(user: UserID, now: Timestamp) async throws {
        let logger = logger
        try await context.single { connection in
            _ = try await connection.query("UPDATE users SET last_seen_at = \(now.milliseconds) WHERE id = \(user)", logger: logger)
        }
    }

    /// Which of these session hashes still name a live (present and unexpired) session.
    public func liveSessions(among hashes: [[UInt8]], now: Timestamp) async throws -> Set<[UInt8]> {
        let logger = logger
        return try await context.read { connection in
            var live = Set<[UInt8]>()
            for start in stride(from: 0, to: hashes.count, by: 500) {
                let chunk = hashes[start..<min(start + 500, hashes.count)]
                let marks = (1...chunk.count).map { "$\($0)" }.joined(separator: ",")
                var query = PostgresQuery(unsafeSQL: "SELECT token_hash FROM auth_sessions WHERE token_hash IN (\(marks)) AND expires_at > $\(chunk.count + 1)")
                for hash in chunk { query.binds.append(ByteBuffer(bytes: hash)) }
                query.binds.append(now.milliseconds)
                for buffer in try await connection.values(query, as: ByteBuffer.self, logger: logger) {
                    live.insert(Array(buffer.readableBytesView))
                }
            }
            return live
        }
    }

    /// Figures for organisers: the queue now, today's resolved tickets, median wait and handling, per agent.
    public func deskStats(dayStart: Timestamp) async throws -> DeskReport {
        let logger = logger
        return try await context.read { connection in
            let count = { (query: PostgresQuery) in try await connection.value(query, as: Int.self, logger: logger) ?? 0 }
            let waiting = try await count("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'")
            let claimed = try await count("SELECT COUNT(*) FROM tickets WHERE state = 'claimed'")
            let resolvedToday = try await count("SELECT COUNT(*) FROM tickets WHERE state = 'resolved' AND resolved_at >= \(dayStart.milliseconds)")
            let waits = try await connection.values("""
                SELECT claimed_at - created_at FROM tickets WHERE claimed_at IS NOT NULL AND created_at >= \(dayStart.milliseconds)
                """, as: Int64.self, logger: logger)
            var rows: [(UserID, String, Int, Int)] = []
            for try await row in try await connection.query("""
                SELECT u.id, u.display_name, COUNT(*) FILTER (WHERE t.state = 'resolved'), COUNT(*) FILTER (WHERE t.state = 'claimed')
                FROM tickets t JOIN users u ON u.id = t.agent_id GROUP BY u.id, u.display_name ORDER BY 3 DESC, u.id
                """, logger: logger).decode((UserID, String, Int, Int).self) {
                rows.append(row)
            }
            var agents: [DeskReport.Agent] = []
            for (id, name, handled, open) in rows {
                let times = try await connection.values("""
                    SELECT resolved_at - claimed_at FROM tickets WHERE agent_id = \(id) AND state = 'resolved' AND claimed_at IS NOT NULL
                    """, as: Int64.self, logger: logger)
                agents.append(DeskReport.Agent(agent: Author(id: id, displayName: name), handled: handled, open: open,
                                               medianHandlingMs: DeskQueue.median(times)))
            }
            return DeskReport(waiting: waiting, claimed: claimed, resolvedToday: resolvedToday, medianWaitMs: DeskQueue.median(waits),
                              medianHandlingMs: DeskQueue.median(try await PostgresDesk.recentHandlingMs(on: connection, logger: logger)), agents: agents)
        }
    }
}
