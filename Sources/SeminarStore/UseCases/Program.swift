import Foundation
import GRDB
import SeminarCore
import SeminarProtocol

/// The public facts of the seminar, for its home page header.
public struct SeminarInfo: Codable, Sendable {
    public let name: LocalizedText
    public let tagline: LocalizedText
    public let timeZone: String
    public let startsAt: String
    public let endsAt: String
}

extension AppDatabase {
    /// Whether a program has been loaded.
    public func hasProgram() async throws -> Bool {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seminar") ?? 0 > 0 }
    }

    /// Replaces the program with `program`, in one transaction.
    public func loadProgram(_ program: ResolvedProgram) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM sessions; DELETE FROM tracks; DELETE FROM seminar;")
            try db.execute(
                sql: "INSERT INTO seminar(id, name, tagline, time_zone, starts_at, ends_at) VALUES (1, ?, ?, ?, ?, ?)",
                arguments: [try Outgoing.json(program.name), try Outgoing.json(program.tagline), program.timeZone,
                            program.startsAt.milliseconds, program.endsAt.milliseconds])
            var trackIDs: [String: Int64] = [:]
            for track in program.tracks {
                try db.execute(sql: "INSERT INTO tracks(key, name) VALUES (?, ?)", arguments: [track.key, try Outgoing.json(track.name)])
                trackIDs[track.key] = db.lastInsertedRowID
            }
            for session in program.sessions {
                try db.execute(sql: """
                    INSERT INTO sessions(key, track_id, starts_at, ends_at, title, description, details) VALUES (?, ?, ?, ?, ?, ?, '{}')
                    """, arguments: [session.key, session.track.flatMap { trackIDs[$0] }, session.startsAt.milliseconds,
                                     session.endsAt.milliseconds, try Outgoing.json(session.title), try Outgoing.json(session.description)])
            }
        }
    }

    public func seminarInfo() async throws -> SeminarInfo? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM seminar WHERE id = 1") else { return nil }
            return SeminarInfo(
                name: try Self.decode(row["name"]), tagline: try Self.decode(row["tagline"]), timeZone: row["time_zone"],
                startsAt: Timestamp(milliseconds: row["starts_at"]).iso8601, endsAt: Timestamp(milliseconds: row["ends_at"]).iso8601)
        }
    }

    static func liveSessions(_ db: Database, now: Timestamp) throws -> [LiveSessionView] {
        try Row.fetchAll(db, sql: """
            SELECT id, title, starts_at, ends_at FROM sessions WHERE starts_at <= ? AND ends_at > ? ORDER BY starts_at
            """, arguments: [now.milliseconds, now.milliseconds]).map { row in
            let title: LocalizedText = try decode(row["title"])
            var titles: [String: String] = [:]
            for language in Language.allCases { titles[language.rawValue] = title[language] }
            return LiveSessionView(sessionId: row["id"], title: titles,
                                   startsAt: Timestamp(milliseconds: row["starts_at"]).iso8601,
                                   endsAt: Timestamp(milliseconds: row["ends_at"]).iso8601)
        }
    }

    static func decode<T: Decodable>(_ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}
