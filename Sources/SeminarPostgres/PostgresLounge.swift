import Logging
import PostgresNIO
import SeminarCore
import SeminarStore

/// The networking lounge's people in PostgreSQL (the cluster's ``LoungeStore``): who blocked whom, suggestions' facts,
/// people search, a person as another sees them, a room's list, the organisers' interests, photos and languages.
///
/// People search reads names, organisations and cities through the `seminar_search` configuration (case and accents
/// folded, as SQLite's `people_fts` does), every word a prefix; made at each search from the rows themselves, so it is
/// never out of date after a profile edit or a rename.
public final class PostgresLounge: LoungeStore {
    let context: AggregateContext

    public init(_ context: AggregateContext) {
        self.context = context
    }

    var logger: Logger { context.logger }

    public func blockedAround(_ user: UserID) async throws -> Set<UserID> {
        let logger = logger
        return try await context.read { connection in try await PostgresPeople.blocked(around: user, on: connection, logger: logger) }
    }

    public func matchCandidates(for user: UserID) async throws -> (me: Profile, candidates: [Matchmaking.Candidate], excluded: Set<UserID>) {
        let logger = logger
        let facts = try await context.read { connection in
            var candidates: [Matchmaking.Candidate] = []
            for try await (id, data) in try await connection.query("SELECT user_id, data FROM profiles ORDER BY user_id", logger: logger)
                .decode((Int64, String).self) {
                candidates.append(Matchmaking.Candidate(user: UserID(id), profile: try ColumnJSON.decode(data)))
            }
            return Facts(me: try await PostgresPeople.profile(of: user.rawValue, on: connection, logger: logger), candidates: candidates,
                         excluded: try await PostgresPeople.blocked(around: user, on: connection, logger: logger))
        }
        return (facts.me, facts.candidates, facts.excluded)
    }

    /// What suggestions are made from (a tuple is not `Sendable` out of a transaction).
    private struct Facts: Sendable {
        let me: Profile
        let candidates: [Matchmaking.Candidate]
        let excluded: Set<UserID>
    }

    /// People matching `filter`, without the viewer and those blocked either way: with words, the best matches first (at
    /// most 2,000 looked at), else everyone by name (5,000 at most); then the region, interest and language asked for.
    public func searchPeople(viewer: UserID, filter: PeopleFilter, isOnline: @escaping @Sendable (UserID) -> Bool) async throws -> [Person] {
        let logger = logger
        let words = filter.text.map { SearchQuery.prefixes($0) } ?? []
        return try await context.read { connection in
            let blocked = try await PostgresPeople.blocked(around: viewer, on: connection, logger: logger)
            let query: PostgresQuery
            if words.isEmpty {
                query = """
                    SELECT u.id, u.display_name, p.data FROM users u LEFT JOIN profiles p ON p.user_id = u.id
                    ORDER BY u.display_name COLLATE "C", u.id LIMIT 5000
                    """
            } else {
                query = """
                    WITH q AS (SELECT to_tsquery('seminar_search', \(SearchTerms.prefixQuery(words))) AS q),
                    found AS (SELECT u.id, u.display_name, p.data,
                                     to_tsvector('seminar_search', u.display_name || ' ' || COALESCE(p.data::jsonb ->> 'organisation', '') || ' '
                                                 || COALESCE(p.data::jsonb ->> 'city', '')) AS words
                              FROM users u LEFT JOIN profiles p ON p.user_id = u.id)
                    SELECT found.id, found.display_name, found.data FROM found, q WHERE found.words @@ q.q
                    ORDER BY ts_rank(found.words, q.q, 1) DESC, found.id LIMIT 2000
                    """
            }
            var people: [Person] = []
            var full = false
            // Every row is read, the list once full included (a sequence left half-read would hold up the connection).
            for try await (id, name, data) in try await connection.query(query, logger: logger).decode((Int64, String, String?).self) {
                let user = UserID(id)
                guard !full, user != viewer, !blocked.contains(user), filter.among?.contains(user) ?? true else { continue }
                let person = Person(id: user, displayName: name, profile: try data.map { try ColumnJSON.decode($0) } ?? Profile(), online: isOnline(user))
                let p = person.profile
                if let region = filter.region, !region.isEmpty, p.region?.rawValue != region { continue }
                if let interest = filter.interest, !interest.isEmpty, !p.interests.contains(interest) { continue }
                if let language = filter.language, !language.isEmpty, !p.languages.contains(language) { continue }
                people.append(person)
                full = people.count >= filter.limit
            }
            return people
        }
    }

    /// A person as `viewer` sees them; `not_found` when either blocked the other.
    public func person(_ id: Int64, viewer: UserID, online: Bool) async throws -> Person {
        let logger = logger
        return try await context.read { connection in
            if try await PostgresPeople.blocked(around: viewer, on: connection, logger: logger).contains(UserID(id)) {
                throw DomainError(.notFound, "No such person", field: "userId")
            }
            return try await Self.person(id, online: online, on: connection, logger: logger)
        }
    }

    public func roomPeople(room: RoomID, present: [UserID]) async throws -> [RoomPeople.Person] {
        guard !present.isEmpty else { return [] }
        let logger = logger
        let ids = present.map(\.rawValue)
        return try await context.read { connection in
            let hosts = try await PostgresRooms.roomHostIDs(room, on: connection, logger: logger)
            var people: [RoomPeople.Person] = []
            for try await (id, name, role, photo) in try await connection.query("""
                SELECT u.id, u.display_name, u.role, (p.data::jsonb ->> 'photo')::bigint FROM users u LEFT JOIN profiles p ON p.user_id = u.id
                WHERE u.id = ANY(\(ids)) ORDER BY u.id
                """, logger: logger).decode((Int64, String, String, FileID?).self) {
                people.append(RoomPeople.Person(id: UserID(id), displayName: name, role: Role(rawValue: role) ?? .participant, hostsRoom: hosts.contains(id),
                                                photo: photo))
            }
            return people
        }
    }

    public func interests() async throws -> [Interest] {
        let logger = logger
        return try await context.read { connection in
            var interests: [Interest] = []
            for try await (key, name) in try await connection.query("SELECT key, name FROM interests ORDER BY position", logger: logger)
                .decode((String, String).self) {
                interests.append(Interest(key: key, name: try ColumnJSON.decode(name)))
            }
            return interests
        }
    }

    /// Replaces the organisers' list of interests (keys still used in profiles stay valid there). Two replacements at
    /// once end as one of them, whole: the table is locked against the other's writes until the commit.
    public func setInterests(_ list: [Interest]) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await connection.query("LOCK TABLE interests IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            try await connection.query("DELETE FROM interests", logger: logger)
            for (index, interest) in list.enumerated() {
                try await connection.query("""
                    INSERT INTO interests(key, name, position) VALUES (\(interest.key), \(try ColumnJSON.encode(interest.name)), \(index))
                    """, logger: logger)
            }
        }
    }

    /// Sets the person's photo (a file stored already: recorded here, and the profile points at it) or removes it
    /// (nil), in one transaction; the person's row is locked meanwhile, so two changes of photo at once end as one.
    public func setProfilePhoto(user: UserID, file: (sha256: String, type: String, size: Int64)?, now: Timestamp) async throws -> Person {
        let logger = logger
        let file = file.map { StoredPhoto(sha256: $0.sha256, type: $0.type, size: $0.size) }
        return try await context.write { connection, _ in
            try await connection.query("SELECT 1 FROM users WHERE id = \(user.rawValue) FOR NO KEY UPDATE", logger: logger)
            var profile = try await PostgresPeople.profile(of: user.rawValue, on: connection, logger: logger)
            if let file {
                profile.photo = try await PostgresFeed.insertFile(sha256: file.sha256, name: "photo", type: file.type, size: file.size, uploader: user, now: now,
                                                                  on: connection, logger: logger)
            } else {
                profile.photo = nil
            }
            try await connection.query("""
                INSERT INTO profiles(user_id, data) VALUES (\(user.rawValue), \(try ColumnJSON.encode(profile))) ON CONFLICT (user_id) DO UPDATE SET data = excluded.data
                """, logger: logger)
            return try await Self.person(user.rawValue, online: true, on: connection, logger: logger)
        }
    }

    /// A photo's file (a tuple is not `Sendable` into a transaction).
    private struct StoredPhoto: Sendable {
        let sha256: String
        let type: String
        let size: Int64
    }

    public func setLocale(user: UserID, locale: Language) async throws {
        let logger = logger
        try await context.write { connection, _ in
            try await connection.query("UPDATE users SET locale = \(locale.rawValue) WHERE id = \(user.rawValue)", logger: logger)
        }
    }

    /// A person with their profile; `not_found` when there is no such person.
    static func person(_ id: Int64, online: Bool, on connection: PostgresConnection, logger: Logger) async throws -> Person {
        let author = try await PostgresPeople.person(id, on: connection, logger: logger)
        return Person(id: author.id, displayName: author.displayName, profile: try await PostgresPeople.profile(of: id, on: connection, logger: logger),
                      online: online)
    }
}
