import GRDB
import SeminarCore

/// The CSV exports organisers download: a header and rows of text, read in one transaction.
public enum ExportKind: String, Sendable, CaseIterable {
    case attendance, meetings, questions, polls, chat, audit, participants

    /// Exports that are per room need a `roomId` (the others take one as a filter, or none).
    public var needsRoom: Bool { self == .chat }
}

extension AppDatabase {
    public func export(_ kind: ExportKind, roomId: RoomID?, language: Language, now: Timestamp) async throws -> (header: [String], rows: [[String]]) {
        try await writer.read { db in
            let time = { (value: Int64?) in value.map { Timestamp(milliseconds: $0).iso8601 } ?? "" }
            let roomTitles = [.attendance, .questions, .polls].contains(kind) ? try Self.roomTitles(db, language: language) : [:]
            let title = { (room: RoomID) in roomTitles[room] ?? "room \(room)" }
            // A meeting table is its two people's: no export reads it (the meetings export says who met, not what they said).
            let room = (roomId.map { "r.id = \($0)" } ?? "1") + " AND r.kind != 'meeting'"
            switch kind {
            case .attendance:
                let rows = try Row.fetchAll(db, sql: """
                    SELECT u.display_name, u.email, a.room_id, a.joined_at, a.left_at FROM attendance a
                    JOIN users u ON u.id = a.user_id JOIN rooms r ON r.id = a.room_id WHERE \(room) ORDER BY a.room_id, a.joined_at, a.id
                    """).map { row -> [String] in
                    let joined: Int64 = row["joined_at"], left: Int64? = row["left_at"]
                    return [row["display_name"], row["email"], String(row["room_id"] as Int64), title(row["room_id"]), time(joined), time(left),
                            left.map { String(($0 - joined) / 60_000) } ?? ""]
                }
                return (["person", "email", "roomId", "room", "joined", "left", "minutes"], rows)
            case .meetings:
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT m.*, s.starts_at, s.ends_at, a.display_name AS a_name, b.display_name AS b_name FROM meetings m
                    JOIN meeting_slots s ON s.id = m.slot_id JOIN users a ON a.id = m.a_id JOIN users b ON b.id = m.b_id ORDER BY s.starts_at, m.id
                    """)).map { row -> [String] in
                    let status: String = row["status"]
                    let a = (row["a_checked_in"] as Int) == 1, b = (row["b_checked_in"] as Int) == 1
                    let ended = (row["ends_at"] as Int64) < now.milliseconds
                    let outcome = status == "cancelled" ? "cancelled" : a && b ? "held" : ended ? "no-show" : "booked"
                    return [String(row["id"] as Int64), time(row["starts_at"]), time(row["ends_at"]), String(row["table_no"] as Int64),
                            row["a_name"], row["b_name"], status, a ? "yes" : "no", b ? "yes" : "no", outcome]
                }
                return (["meetingId", "starts", "ends", "table", "personA", "personB", "status", "aCheckedIn", "bCheckedIn", "outcome"], rows)
            case .questions:
                let rows = try Row.fetchAll(db, sql: """
                    SELECT q.*, u.display_name FROM questions q JOIN users u ON u.id = q.author_id JOIN rooms r ON r.id = q.room_id
                    WHERE \(room) ORDER BY q.room_id, q.votes DESC, q.id
                    """).map { row -> [String] in
                    [String(row["room_id"] as Int64), title(row["room_id"]), row["display_name"], row["text"], String(row["votes"] as Int64),
                     (row["answered"] as Int) == 1 ? "yes" : "no", (row["hidden"] as Int) == 1 ? "yes" : "no", time(row["at"])]
                }
                return (["roomId", "room", "author", "question", "votes", "answered", "hidden", "at"], rows)
            case .polls:
                var rows: [[String]] = []
                for id in try PollID.fetchAll(db, sql: "SELECT p.id FROM polls p JOIN rooms r ON r.id = p.room_id WHERE \(room) ORDER BY p.room_id, p.id") {
                    let poll = try Self.poll(db, id: id, viewer: nil)
                    let roomOf = try RoomID.fetchOne(db.cachedStatement(sql: "SELECT room_id FROM polls WHERE id = ?"), arguments: [id]) ?? RoomID(0)
                    let prefix = [String(roomOf.rawValue), title(roomOf), String(id.rawValue), poll.question, poll.kind.rawValue]
                    rows += poll.answers.map { prefix + [$0.answer, String($0.count)] }
                }
                return (["roomId", "room", "pollId", "question", "kind", "answer", "count"], rows)
            case .chat:
                let rows = try Row.fetchAll(db, sql: """
                    SELECT m.*, u.display_name FROM chat_messages m JOIN users u ON u.id = m.author_id JOIN rooms r ON r.id = m.room_id
                    WHERE \(room) ORDER BY m.id
                    """).map { row -> [String] in
                    [String(row["id"] as Int64), row["display_name"], row["text"], (row["reply_to"] as Int64?).map(String.init) ?? "",
                     (row["deleted"] as Int) == 1 ? "yes" : "no", time(row["at"])]
                }
                return (["messageId", "author", "text", "replyTo", "deleted", "at"], rows)
            case .audit:
                // Whom and what by name, each beside its id; the target keeps every id the request named.
                var names = AuditNames(db, language: language)
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT a.*, u.display_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id
                    """)).map { row -> [String] in
                    let named = try names.names(in: row["target"])
                    let refs = AuditTarget.refs(in: row["target"])
                    let byKind = AuditTarget.Kind.allCases.flatMap { kind -> [String] in
                        let ref = refs.first { $0.kind == kind }
                        return [ref.map { String($0.id) } ?? "", ref.flatMap { ref in named.first { $0.ref.key == ref.key }?.name } ?? ""]
                    }
                    return [String(row["id"] as Int64), time(row["at"]), (row["actor_id"] as Int64?).map(String.init) ?? "", row["display_name"] ?? "",
                            row["action"]] + byKind + [row["target"], row["detail"]]
                }
                return (["id", "at", "actorId", "actor", "action", "personId", "person", "roomId", "room", "sessionId", "session", "target", "detail"],
                        rows)
            case .participants:
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT u.*, p.data FROM users u LEFT JOIN profiles p ON p.user_id = u.id ORDER BY u.id
                    """)).map { row -> [String] in
                    let json: String? = row["data"]
                    let profile: Profile = json.flatMap { try? Self.decode($0) } ?? Profile()
                    return [String(row["id"] as Int64), row["email"], row["display_name"], row["role"], profile.organisation, profile.city,
                            profile.country, profile.region?.rawValue ?? "", profile.languages.joined(separator: ";"),
                            profile.interests.joined(separator: ";"), time(row["last_seen_at"])]
                }
                return (["id", "email", "name", "role", "organisation", "city", "country", "region", "languages", "interests", "lastSeen"], rows)
            }
        }
    }

    /// Each room's title in `language`: its session's title, or its own name.
    static func roomTitles(_ db: Database, language: Language) throws -> [RoomID: String] {
        var titles: [RoomID: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT r.id, COALESCE(s.title, r.name) AS title FROM rooms r LEFT JOIN sessions s ON s.id = r.session_id")) {
            if let json = row["title"] as String?, let text: LocalizedText = try? decode(json), let title = text.resolved(language)?.text {
                titles[row["id"]] = title
            }
        }
        return titles
    }
}
