import Foundation
import GRDB
import SeminarCore

/// A session as the store reads it, with its room.
extension ProgramSession {
    /// A session read with ``AppDatabase/sessionSelect``.
    init(row: Row) throws {
        self.init(id: row["id"], key: row["key"], trackId: row["track_id"], startsAt: Timestamp(milliseconds: row["starts_at"]),
                  endsAt: Timestamp(milliseconds: row["ends_at"]),
                  content: SessionContent(title: try AppDatabase.decode(row["title"]), description: try AppDatabase.decode(row["description"]),
                                          details: try AppDatabase.decode(row["details"])),
                  revision: row["revision"], roomId: row["room_id"], roomState: RoomState(rawValue: row["room_state"] ?? "scheduled") ?? .scheduled)
    }
}

extension AppDatabase {
    static let sessionSelect = """
        SELECT s.*, r.id AS room_id, r.state AS room_state FROM sessions s LEFT JOIN rooms r ON r.session_id = s.id
        """

    /// The whole program as a person sees it (their bookmarks marked).
    public func program(for user: UserID?) async throws -> Program {
        try await writer.read { db in
            let bookmarks = Set(try SessionID.fetchAll(db.cachedStatement(sql: "SELECT session_id FROM agenda_items WHERE user_id = ?"), arguments: [user?.rawValue]))
            return try Self.program(db, bookmarks: bookmarks)
        }
    }

    private static func program(_ db: Database, bookmarks: Set<SessionID>) throws -> Program {
        let timeZone = try String.fetchOne(db.cachedStatement(sql: "SELECT time_zone FROM seminar WHERE id = 1")) ?? "UTC"
        let tracks = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM tracks ORDER BY id")).map { row in
            Track(id: row["id"], key: row["key"], name: try Self.decode(row["name"]))
        }
        let sessions = try Row.fetchAll(db, sql: Self.sessionSelect + " ORDER BY s.starts_at, s.id").map(ProgramSession.init(row:))
        return Program(timeZone: timeZone, tracks: tracks, sessions: sessions, bookmarks: bookmarks)
    }

    static func sessionRow(_ db: Database, id: SessionID) throws -> ProgramSession {
        guard let row = try Row.fetchOne(db, sql: sessionSelect + " WHERE s.id = ?", arguments: [id]) else {
            throw DomainError(.notFound, "No session \(id)", field: "sessionId")
        }
        return try ProgramSession(row: row)
    }

    /// One session with its hosts, for its page.
    public func session(id: SessionID, for user: UserRecord) async throws -> SessionPage {
        try await writer.read { db in
            let session = try Self.sessionRow(db, id: id)
            let hosts = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT u.id, u.display_name FROM session_hosts h JOIN users u ON u.id = h.user_id WHERE h.session_id = ? ORDER BY u.display_name
                """), arguments: [id]).map { Author(id: $0["id"], displayName: $0["display_name"]) }
            let bookmarked = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM agenda_items WHERE user_id = ? AND session_id = ?"),
                                              arguments: [user.id.rawValue, id]) != nil
            let canEdit = RoomHosting.isHost(role: user.role) { hosts.contains { $0.id == user.id } }
            return SessionPage(session: session, bookmarked: bookmarked, hosts: hosts, canEdit: canEdit, replays: try Self.replays(db, session: id))
        }
    }

    /// Whether `user` is a host of session `id`.
    static func hostsSession(_ db: Database, user: UserID, session id: SessionID) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM session_hosts WHERE session_id = ? AND user_id = ?"), arguments: [id, user.rawValue]) != nil
    }

    public func addHost(user: UserID, session id: SessionID) async throws {
        try await writer.write { db in
            _ = try Self.sessionRow(db, id: id)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO session_hosts(session_id, user_id) VALUES (?, ?)").execute(arguments: [id, user.rawValue])
        }
    }

    /// Applies an edit by whoever runs the session (``RoomHosting``) and stores its revision; `session.updated` goes
    /// out on topic `seminar`. No change, no revision.
    public func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate {
        try await writer.write { db in
            try RoomHosting.mayEditSession(isHost: try RoomHosting.isHost(role: author.role) { try Self.hostsSession(db, user: author.id, session: id) })
            let current = try Self.sessionRow(db, id: id)
            let (content, changes) = try edit.apply(to: current.content)
            guard !changes.isEmpty else {
                return SessionUpdate(sessionId: id, revision: current.revision, changed: [])
            }
            let revision = current.revision + 1
            try db.cachedStatement(sql: "UPDATE sessions SET title = ?, description = ?, details = ?, revision = ? WHERE id = ?").execute(arguments: [
                try Self.encode(content.title), try Self.encode(content.description), try Self.encode(content.details), revision, id,
            ])
            try db.cachedStatement(sql: "INSERT INTO session_revisions(session_id, author_id, at, changes) VALUES (?, ?, ?, ?)").execute(
                           arguments: [id, author.id.rawValue, now.milliseconds, try Self.encode(changes)])
            _ = try self.append(db, topic: .seminar, .sessionUpdated(try Self.sessionRow(db, id: id)), at: now)
            return SessionUpdate(sessionId: id, revision: revision, changed: Array(Set(changes.map(\.field))).sorted())
        }
    }

    /// A session's revisions, newest first.
    public func revisions(session id: SessionID) async throws -> [SessionRevision] {
        try await writer.read { db in
            _ = try Self.sessionRow(db, id: id)
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.id, r.at, r.changes, u.id AS author_id, u.display_name FROM session_revisions r
                LEFT JOIN users u ON u.id = r.author_id WHERE r.session_id = ? ORDER BY r.id DESC
                """), arguments: [id])
            var number = Int64(rows.count)
            return try rows.map { row -> SessionRevision in
                let changes: [FieldChange] = try Self.decode(row["changes"])
                let authorID: Int64? = row["author_id"]
                defer { number -= 1 }
                return SessionRevision(id: row["id"], number: number, author: authorID.map { Author(id: UserID($0), displayName: row["display_name"]) },
                                       at: Timestamp(milliseconds: row["at"]), changes: changes)
            }
        }
    }
}
