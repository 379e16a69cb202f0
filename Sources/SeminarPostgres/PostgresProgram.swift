import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The program in PostgreSQL (the cluster's ``ProgramStore``): the seminar, its tracks and sessions, who hosts them,
/// their pages' revisions and each person's bookmarks. `session.updated` goes in the log in the edit's transaction.
public final class PostgresProgram: ProgramStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    /// Loads `program` in one transaction: tracks and sessions are matched by key and updated in place, so bookmarks,
    /// rooms and revisions survive a re-import; nothing is deleted. Nodes loading at once take turns (a transaction
    /// lock), so the second finds the first's rows and updates them.
    public func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp?) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.loadLock))", logger: logger)
            try await connection.query("""
                INSERT INTO seminar(id, name, tagline, time_zone, starts_at, ends_at)
                VALUES (1, \(try ColumnJSON.encode(program.name)), \(try ColumnJSON.encode(program.tagline)), \(program.timeZone),
                        \(program.startsAt.milliseconds), \(program.endsAt.milliseconds))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, time_zone = excluded.time_zone,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at
                """, logger: logger)
            var trackIDs: [String: TrackID] = [:]
            for track in program.tracks {
                trackIDs[track.key] = try await connection.value("""
                    INSERT INTO tracks(key, name) VALUES (\(track.key), \(try ColumnJSON.encode(track.name)))
                    ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id
                    """, as: TrackID.self, logger: logger)
            }
            if let channel = program.channel {
                try await Self.loadChannel(channel, on: connection, logger: logger)
            }
            for session in program.sessions {
                let trackID = session.track.flatMap { trackIDs[$0] }
                guard let id = try await connection.value("""
                    INSERT INTO sessions(key, track_id, starts_at, ends_at, title, description, details)
                    VALUES (\(session.key), \(trackID), \(session.startsAt.milliseconds), \(session.endsAt.milliseconds),
                            \(try ColumnJSON.encode(session.title)), \(try ColumnJSON.encode(session.description)),
                            \(try ColumnJSON.encode(session.details)))
                    ON CONFLICT (key) DO UPDATE SET track_id = excluded.track_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                        title = excluded.title, description = excluded.description, details = excluded.details
                    RETURNING id
                    """, as: SessionID.self, logger: logger)
                else { throw DomainError(.internal, "session \(session.key) was not stored") }
                // A new room starts scheduled; the demo opens the rooms of the sessions on now, so a newcomer finds one live.
                let state = liveNow.map { session.startsAt <= $0 && $0 < session.endsAt } == true ? RoomState.live : .scheduled
                try await connection.query("""
                    INSERT INTO rooms(session_id, kind, state) VALUES (\(id), 'session', \(state.rawValue)) ON CONFLICT (session_id) DO NOTHING
                    """, logger: logger)
            }
        }
    }

    /// The advisory lock of loading a program (any constant the nodes agree on).
    static let loadLock: Int64 = 0x5345_4D50_524F_47

    private static func loadChannel(_ channel: ResolvedChannel, on connection: PostgresConnection, logger: Logger) async throws {
        let name = try ColumnJSON.encode(channel.name)
        let streams = try ColumnJSON.encode(channel.stream.map { ["floor": $0] } ?? [:])
        let existing = try await connection.value("SELECT id FROM rooms WHERE kind = 'channel' LIMIT 1", as: RoomID.self, logger: logger)
        let roomID: RoomID?
        if let existing {
            try await connection.query("UPDATE rooms SET name = \(name), streams = \(streams) WHERE id = \(existing)", logger: logger)
            roomID = existing
        } else {
            roomID = try await connection.value("""
                INSERT INTO rooms(kind, state, name, streams) VALUES ('channel', 'live', \(name), \(streams)) RETURNING id
                """, as: RoomID.self, logger: logger)
        }
        guard let roomID else { throw DomainError(.internal, "the channel was not stored") }
        try await connection.query("DELETE FROM channel_programmes WHERE room_id = \(roomID)", logger: logger)
        for programme in channel.programmes {
            try await connection.query("""
                INSERT INTO channel_programmes(room_id, starts_at, ends_at, title)
                VALUES (\(roomID), \(programme.startsAt.milliseconds), \(programme.endsAt.milliseconds), \(try ColumnJSON.encode(programme.title)))
                """, logger: logger)
        }
    }

    public func program(for user: UserID?) async throws -> Program {
        let logger = logger
        return try await context.read { connection in
            var bookmarks: Set<SessionID> = []
            if let user {
                bookmarks = Set(try await connection.values("SELECT session_id FROM agenda_items WHERE user_id = \(user.rawValue)", as: SessionID.self, logger: logger))
            }
            let timeZone = try await connection.value("SELECT time_zone FROM seminar WHERE id = 1", as: String.self, logger: logger) ?? "UTC"
            var tracks: [Track] = []
            for try await (id, key, name) in try await connection.query("SELECT id, key, name FROM tracks ORDER BY id", logger: logger)
                .decode((TrackID, String, String).self) {
                tracks.append(Track(id: id, key: key, name: try ColumnJSON.decode(name)))
            }
            let sessions = try await Self.sessions(PostgresQuery(unsafeSQL: Self.sessionSelect + " ORDER BY s.starts_at, s.id"), on: connection, logger: logger)
            return Program(timeZone: timeZone, tracks: tracks, sessions: sessions, bookmarks: bookmarks)
        }
    }

    /// A session with its room, in the columns ``sessions(_:on:logger:)`` reads.
    static let sessionSelect = """
        SELECT s.id, s.key, s.track_id, s.starts_at, s.ends_at, s.title, s.description, s.details, s.revision, r.id, r.state
        FROM sessions s LEFT JOIN rooms r ON r.session_id = s.id
        """

    static func sessions(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> [ProgramSession] {
        var sessions: [ProgramSession] = []
        for try await (id, key, track, startsAt, endsAt, title, description, details, revision, room, state) in try await connection.query(query, logger: logger)
            .decode((SessionID, String, TrackID?, Int64, Int64, String, String, String, Int64, RoomID?, String?).self) {
            sessions.append(ProgramSession(
                id: id, key: key, trackId: track, startsAt: Timestamp(milliseconds: startsAt), endsAt: Timestamp(milliseconds: endsAt),
                content: SessionContent(title: try ColumnJSON.decode(title), description: try ColumnJSON.decode(description),
                                        details: try ColumnJSON.decode(details)),
                revision: revision, roomId: room, roomState: state.flatMap(RoomState.init(rawValue:)) ?? .scheduled))
        }
        return sessions
    }

    static func session(_ id: SessionID, on connection: PostgresConnection, logger: Logger) async throws -> ProgramSession {
        var query = PostgresQuery(unsafeSQL: sessionSelect + " WHERE s.id = $1")
        try query.binds.append(id.rawValue, context: .default)
        guard let session = try await sessions(query, on: connection, logger: logger).first else {
            throw DomainError(.notFound, "No session \(id)", field: "sessionId")
        }
        return session
    }

    public func session(id: SessionID, for user: UserRecord) async throws -> SessionPage {
        let logger = logger
        return try await context.read { connection in
            let session = try await Self.session(id, on: connection, logger: logger)
            var hosts: [Author] = []
            for try await (host, name) in try await connection.query("""
                SELECT u.id, u.display_name FROM session_hosts h JOIN users u ON u.id = h.user_id WHERE h.session_id = \(id) ORDER BY u.display_name
                """, logger: logger).decode((Int64, String).self) {
                hosts.append(Author(id: UserID(host), displayName: name))
            }
            let bookmarked = try await connection.exists(
                "SELECT 1 FROM agenda_items WHERE user_id = \(user.id.rawValue) AND session_id = \(id)", logger: logger)
            let canEdit = RoomHosting.isHost(role: user.role) { hosts.contains { $0.id == user.id } }
            return SessionPage(session: session, bookmarked: bookmarked, hosts: hosts, canEdit: canEdit,
                               replays: try await Self.replays(session: id, on: connection, logger: logger))
        }
    }

    static func replays(session id: SessionID, on connection: PostgresConnection, logger: Logger) async throws -> [SessionReplay] {
        var replays: [SessionReplay] = []
        for try await (replay, room, speaker, kind, mediaType, startedAt, endedAt) in try await connection.query("""
            SELECT c.id, c.room_id, c.speaker, c.kind, c.media_type, c.started_at, c.ended_at FROM recordings c JOIN rooms r ON r.id = c.room_id
            WHERE r.session_id = \(id) ORDER BY c.started_at, c.id
            """, logger: logger).decode((ReplayID, RoomID, String, String, String, Int64, Int64).self) {
            replays.append(SessionReplay(id: replay, roomId: room, sessionId: id, speaker: speaker, kind: kind, mediaType: mediaType,
                                         startedAt: Timestamp(milliseconds: startedAt), endedAt: Timestamp(milliseconds: endedAt)))
        }
        return replays
    }

    /// Whether `user` is among the hosts of session `id`.
    static func hostsSession(_ user: UserID, session id: SessionID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.exists("SELECT 1 FROM session_hosts WHERE session_id = \(id) AND user_id = \(user.rawValue)", logger: logger)
    }

    public func addHost(user: UserID, session id: SessionID) async throws {
        let logger = logger
        try await context.write { connection, _ in
            _ = try await Self.session(id, on: connection, logger: logger)
            try await connection.query("""
                INSERT INTO session_hosts(session_id, user_id) VALUES (\(id), \(user.rawValue)) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// An edit by whoever runs the session (``RoomHosting``), stored as a revision; `session.updated` on `seminar`. No
    /// change, no revision. The session's row is locked for the edit, so two edits at once make two revisions in turn.
    public func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate {
        let (logger, context) = (logger, context)
        return try await context.write { connection, appended in
            let hosts = try await Self.hostsSession(author.id, session: id, on: connection, logger: logger)
            try RoomHosting.mayEditSession(isHost: RoomHosting.isHost(role: author.role) { hosts })
            try await connection.query("SELECT 1 FROM sessions WHERE id = \(id) FOR UPDATE", logger: logger)
            let current = try await Self.session(id, on: connection, logger: logger)
            let (content, changes) = try edit.apply(to: current.content)
            guard !changes.isEmpty else { return SessionUpdate(sessionId: id, revision: current.revision, changed: []) }
            let revision = current.revision + 1
            try await connection.query("""
                UPDATE sessions SET title = \(try ColumnJSON.encode(content.title)), description = \(try ColumnJSON.encode(content.description)),
                    details = \(try ColumnJSON.encode(content.details)), revision = \(revision)
                WHERE id = \(id)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO session_revisions(session_id, author_id, at, changes)
                VALUES (\(id), \(author.id.rawValue), \(now.milliseconds), \(try ColumnJSON.encode(changes)))
                """, logger: logger)
            let updated = try await Self.session(id, on: connection, logger: logger)
            appended.append(try await context.append(.sessionUpdated(updated), to: .seminar, at: now, on: connection))
            return SessionUpdate(sessionId: id, revision: revision, changed: Array(Set(changes.map(\.field))).sorted())
        }
    }

    public func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws {
        let logger = logger
        try await context.write { connection, _ in
            _ = try await Self.session(id, on: connection, logger: logger)
            try await connection.query("""
                INSERT INTO agenda_items(user_id, session_id, added_at) VALUES (\(user.rawValue), \(id), \(now.milliseconds)) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }
}
