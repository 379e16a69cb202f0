import Foundation
import GRDB
import SeminarCore

/// A search of the people of the seminar.
public struct PeopleFilter: Sendable {
    public var text: String?
    public var region: String?
    public var interest: String?
    public var language: String?
    /// When set, only these people (e.g. those in the lounge now).
    public var among: Set<UserID>?
    public var limit: Int = 50

    public init(text: String? = nil, region: String? = nil, interest: String? = nil, language: String? = nil,
                among: Set<UserID>? = nil, limit: Int = 50) {
        self.text = text
        self.region = region
        self.interest = interest
        self.language = language
        self.among = among
        self.limit = limit
    }
}

extension AppDatabase {
    static func profile(_ db: Database, of user: Int64) throws -> Profile {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM profiles WHERE user_id = ?"), arguments: [user]) else { return Profile() }
        return try decode(json)
    }

    /// Everyone `user` has blocked or is blocked by.
    static func blocked(_ db: Database, around user: UserID) throws -> Set<UserID> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT blocked_id FROM blocks WHERE blocker_id = ? UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?
            """), arguments: [user.rawValue, user.rawValue]).map(UserID.init))
    }

    static func person(_ db: Database, id: Int64, online: Bool) throws -> Person {
        guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [id]) else {
            throw DomainError(.notFound, "No such person", field: "userId")
        }
        return Person(id: UserID(id), displayName: name, profile: try profile(db, of: id), online: online)
    }

    public func interests() async throws -> [Interest] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT key, name FROM interests ORDER BY position")).map {
                Interest(key: $0["key"], name: try Self.decode($0["name"]))
            }
        }
    }

    /// Replaces the organisers' list of interests (keys still used in profiles stay valid there).
    public func setInterests(_ list: [Interest]) async throws {
        try await writer.write { db in
            try db.cachedStatement(sql: "DELETE FROM interests").execute()
            for (index, interest) in list.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO interests(key, name, position) VALUES (?, ?, ?)").execute(
                               arguments: [interest.key, try Self.encode(interest.name), index])
            }
        }
    }

    public func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person {
        try await writer.write { db in try Self.applyProfile(db, user: user.rawValue, edit: edit) }
    }

    /// Applies a profile edit inside the current transaction and re-indexes the person for search.
    static func applyProfile(_ db: Database, user id: Int64, edit: ProfileEdit) throws -> Person {
        let user = UserID(id)
        let known = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT key FROM interests")))
        let current = try Self.profile(db, of: user.rawValue)
        // Keys the person already had stay valid even if the organisers dropped them from the list.
        let profile = try edit.apply(to: current, known: known.union(current.interests).union(current.offers).union(current.seeks))
        if let name = edit.displayName {
            try db.cachedStatement(sql: "UPDATE users SET display_name = ? WHERE id = ?").execute(arguments: [try Validate.displayName(name), user.rawValue])
        }
        try saveProfile(db, user: user.rawValue, profile)
        let name = try String.fetchOne(db.cachedStatement(sql: "SELECT display_name FROM users WHERE id = ?"), arguments: [user.rawValue]) ?? ""
        try db.cachedStatement(sql: "DELETE FROM people_fts WHERE user_id = ?").execute(arguments: [user.rawValue])
        try db.cachedStatement(sql: "INSERT INTO people_fts(user_id, name, organisation, city) VALUES (?, ?, ?, ?)").execute(
                       arguments: [user.rawValue, name, profile.organisation, profile.city])
        return Person(id: user, displayName: name, profile: profile, online: true)
    }

    static func saveProfile(_ db: Database, user: Int64, _ profile: Profile) throws {
        try db.cachedStatement(sql: "INSERT INTO profiles(user_id, data) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET data = excluded.data").execute(
                       arguments: [user, try Self.encode(profile)])
    }

    /// Sets the person's photo (a file stored already: recorded here, and the profile points at it) or removes it
    /// (nil), in one transaction. The file stays in the store (others may share its bytes).
    public func setProfilePhoto(user: UserID, file: (sha256: String, type: String, size: Int64)?, now: Timestamp) async throws -> Person {
        try await writer.write { db in
            var profile = try Self.profile(db, of: user.rawValue)
            profile.photo = try file.map { try Self.insertFile(db, sha256: $0.sha256, name: "photo", type: $0.type, size: $0.size, uploader: user, now: now) }
            try Self.saveProfile(db, user: user.rawValue, profile)
            return try Self.person(db, id: user.rawValue, online: true)
        }
    }

    /// A person as `viewer` sees them; `not_found` when either blocked the other.
    public func person(_ id: Int64, viewer: UserID, online: Bool) async throws -> Person {
        try await writer.read { db in
            if try Self.blocked(db, around: viewer).contains(UserID(id)) { throw DomainError(.notFound, "No such person", field: "userId") }
            return try Self.person(db, id: id, online: online)
        }
    }

    /// People matching `filter` (name, organisation and city accent-insensitive), without those blocked either way.
    public func searchPeople(viewer: UserID, filter: PeopleFilter, isOnline: @escaping @Sendable (UserID) -> Bool) async throws -> [Person] {
        try await writer.read { db in
            let blocked = try Self.blocked(db, around: viewer)
            var ids: [Int64]
            if let text = filter.text, let match = SearchQuery.fts(text) {
                ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT user_id FROM people_fts WHERE people_fts MATCH ? ORDER BY rank LIMIT 2000"), arguments: [match])
            } else {
                ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM users ORDER BY display_name LIMIT 5000"))
            }
            if let among = filter.among { ids = ids.filter { among.contains(UserID($0)) } }
            var people: [Person] = []
            for id in ids where id != viewer.rawValue && !blocked.contains(UserID(id)) {
                let person = try Self.person(db, id: id, online: isOnline(UserID(id)))
                let p = person.profile
                if let region = filter.region, !region.isEmpty, p.region?.rawValue != region { continue }
                if let interest = filter.interest, !interest.isEmpty, !p.interests.contains(interest) { continue }
                if let language = filter.language, !language.isEmpty, !p.languages.contains(language) { continue }
                people.append(person)
                if people.count >= filter.limit { break }
            }
            return people
        }
    }

    public func blockedAround(_ user: UserID) async throws -> Set<UserID> {
        try await writer.read { db in try Self.blocked(db, around: user) }
    }

    public func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws {
        try await writer.write { db in
            try Contact.mayBlock(blocked, by: blocker)
            _ = try Self.person(db, id: blocked.rawValue, online: false)
            if on {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO blocks(blocker_id, blocked_id) VALUES (?, ?)").execute(arguments: [blocker.rawValue, blocked.rawValue])
            } else {
                try db.cachedStatement(sql: "DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?").execute(arguments: [blocker.rawValue, blocked.rawValue])
            }
        }
    }

    /// Everyone's profile, and who `user` must not be suggested (blocked either way).
    public func matchCandidates(for user: UserID) async throws -> (me: Profile, candidates: [Matchmaking.Candidate], excluded: Set<UserID>) {
        try await writer.read { db in
            let candidates = try Row.fetchAll(db.cachedStatement(sql: "SELECT user_id, data FROM profiles")).map {
                Matchmaking.Candidate(user: UserID($0["user_id"]), profile: try Self.decode($0["data"]))
            }
            return (try Self.profile(db, of: user.rawValue), candidates, try Self.blocked(db, around: user))
        }
    }
}
