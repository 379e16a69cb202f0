import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The CSV exports organisers download: a header and rows of text, read in one snapshot.
extension PostgresConsole {
    public func export(_ kind: ExportKind, roomId: RoomID?, language: Language, now: Timestamp) async throws -> (header: [String], rows: [[String]]) {
        let logger = logger
        return try await context.read { connection in
            let time = { (value: Int64?) in value.map { Timestamp(milliseconds: $0).iso8601 } ?? "" }
            let yes = { (value: Bool) in value ? "yes" : "no" }
            let roomTitles = [.attendance, .questions, .polls].contains(kind) ? try await Self.roomTitles(language: language, on: connection, logger: logger) : [:]
            let title = { (room: RoomID) in roomTitles[room] ?? "room \(room)" }
            // A meeting table is its two people's: no export reads it (the meetings export says who met, not what they said).
            let room: PostgresQuery = "(\(roomId)::bigint IS NULL OR r.id = \(roomId)) AND r.kind <> 'meeting'"
            switch kind {
            case .attendance:
                var rows: [[String]] = []
                for try await (name, email, roomID, joined, left) in try await connection.query(Self.filtered("""
                    SELECT u.display_name, u.email, a.room_id, a.joined_at, a.left_at FROM attendance a
                    JOIN users u ON u.id = a.user_id JOIN rooms r ON r.id = a.room_id WHERE
                    """, room, "ORDER BY a.room_id, a.joined_at, a.id"), logger: logger).decode((String, String, RoomID, Int64, Int64?).self) {
                    rows.append([name, email, String(roomID.rawValue), title(roomID), time(joined), time(left), left.map { String(($0 - joined) / 60_000) } ?? ""])
                }
                return (["person", "email", "roomId", "room", "joined", "left", "minutes"], rows)
            case .meetings:
                var rows: [[String]] = []
                for try await (id, status, a, b, startsAt, endsAt, table, aName, bName) in try await connection.query("""
                    SELECT m.id, m.status, m.a_checked_in, m.b_checked_in, s.starts_at, s.ends_at, m.table_no, a.display_name, b.display_name
                    FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id
                    ORDER BY s.starts_at, m.id
                    """, logger: logger).decode((Int64, String, Bool, Bool, Int64, Int64, Int, String, String).self) {
                    let outcome = status == "cancelled" ? "cancelled" : a && b ? "held" : endsAt < now.milliseconds ? "no-show" : "booked"
                    rows.append([String(id), time(startsAt), time(endsAt), String(table), aName, bName, status, yes(a), yes(b), outcome])
                }
                return (["meetingId", "starts", "ends", "table", "personA", "personB", "status", "aCheckedIn", "bCheckedIn", "outcome"], rows)
            case .questions:
                var rows: [[String]] = []
                for try await (roomID, name, text, votes, answered, hidden, at) in try await connection.query(Self.filtered("""
                    SELECT q.room_id, u.display_name, q.text, q.votes, q.answered, q.hidden, q.at FROM questions q
                    JOIN users u ON u.id = q.author_id JOIN rooms r ON r.id = q.room_id WHERE
                    """, room, "ORDER BY q.room_id, q.votes DESC, q.id"), logger: logger).decode((RoomID, String, String, Int, Bool, Bool, Int64).self) {
                    rows.append([String(roomID.rawValue), title(roomID), name, text, String(votes), yes(answered), yes(hidden), time(at)])
                }
                return (["roomId", "room", "author", "question", "votes", "answered", "hidden", "at"], rows)
            case .polls:
                var polls: [(PollID, RoomID)] = []
                for try await row in try await connection.query(Self.filtered("SELECT p.id, p.room_id FROM polls p JOIN rooms r ON r.id = p.room_id WHERE",
                                                                               room, "ORDER BY p.room_id, p.id"), logger: logger).decode((PollID, RoomID).self) {
                    polls.append(row)
                }
                var rows: [[String]] = []
                for (id, roomOf) in polls {
                    let poll = try await PostgresRooms.poll(id, viewer: nil, on: connection, logger: logger)
                    let prefix = [String(roomOf.rawValue), title(roomOf), String(id.rawValue), poll.question, poll.kind.rawValue]
                    rows += poll.answers.map { prefix + [$0.answer, String($0.count)] }
                }
                return (["roomId", "room", "pollId", "question", "kind", "answer", "count"], rows)
            case .chat:
                var rows: [[String]] = []
                for try await (id, name, text, replyTo, deleted, at) in try await connection.query(Self.filtered("""
                    SELECT m.id, u.display_name, m.text, m.reply_to, m.deleted, m.at FROM chat_messages m
                    JOIN users u ON u.id = m.author_id JOIN rooms r ON r.id = m.room_id WHERE
                    """, room, "ORDER BY m.id"), logger: logger).decode((Int64, String, String, Int64?, Bool, Int64).self) {
                    rows.append([String(id), name, text, replyTo.map(String.init) ?? "", yes(deleted), time(at)])
                }
                return (["messageId", "author", "text", "replyTo", "deleted", "at"], rows)
            case .audit:
                // Whom and what by name, each beside its id; the target keeps every id the request named.
                let entries = try await Self.auditRows("ORDER BY a.id", on: connection, logger: logger)
                let names = try await PostgresAuditNames.load(entries.map(\.target), language: language, on: connection, logger: logger)
                var rows: [[String]] = []
                for row in entries {
                    let named = names.names(in: row.target)
                    let refs = AuditTarget.refs(in: row.target)
                    let byKind = AuditTarget.Kind.allCases.flatMap { kind -> [String] in
                        let ref = refs.first { $0.kind == kind }
                        return [ref.map { String($0.id) } ?? "", ref.flatMap { ref in named.first { $0.ref.key == ref.key }?.name } ?? ""]
                    }
                    rows.append([String(row.id.rawValue), time(row.at), row.actor.map { String($0.rawValue) } ?? "", row.actorName ?? "", row.action]
                                + byKind + [row.target, row.detail])
                }
                return (["id", "at", "actorId", "actor", "action", "personId", "person", "roomId", "room", "sessionId", "session", "target", "detail"],
                        rows)
            case .participants:
                var rows: [[String]] = []
                for try await (id, email, name, role, lastSeen, data) in try await connection.query("""
                    SELECT u.id, u.email, u.display_name, u.role, u.last_seen_at, p.data FROM users u LEFT JOIN profiles p ON p.user_id = u.id ORDER BY u.id
                    """, logger: logger).decode((Int64, String, String, String, Int64?, String?).self) {
                    let profile: Profile = data.flatMap { try? ColumnJSON.decode($0) } ?? Profile()
                    rows.append([String(id), email, name, role, profile.organisation, profile.city, profile.country, profile.region?.rawValue ?? "",
                                 profile.languages.joined(separator: ";"), profile.interests.joined(separator: ";"), time(lastSeen)])
                }
                return (["id", "email", "name", "role", "organisation", "city", "country", "region", "languages", "interests", "lastSeen"], rows)
            }
        }
    }

    /// `head`, the room condition `room` (its binds first), then `tail`.
    static func filtered(_ head: String, _ room: PostgresQuery, _ tail: String) -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: head + " " + room.sql + " " + tail)
        query.binds = room.binds
        return query
    }

    /// Each room's title in `language`: its session's title, or its own name.
    static func roomTitles(language: Language, on connection: PostgresConnection, logger: Logger) async throws -> [RoomID: String] {
        var titles: [RoomID: String] = [:]
        for try await (id, json) in try await connection.query("""
            SELECT r.id, COALESCE(s.title, r.name) FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id
            """, logger: logger).decode((RoomID, String?).self) {
            if let json, let text: LocalizedText = try? ColumnJSON.decode(json), let title = text.resolved(language)?.text {
                titles[id] = title
            }
        }
        return titles
    }
}
