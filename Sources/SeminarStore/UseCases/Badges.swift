import GRDB
import SeminarCore

/// The badges on authors (`Author.badge`): the rule is `Badge` in Core; here, the facts it needs.
extension AppDatabase {
    /// The people who host a room: its session's hosts (a breakout group's: its parent room's session's).
    static func roomHostIDs(_ db: Database, room: RoomID) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT h.user_id FROM rooms r LEFT JOIN rooms p ON p.id = r.parent_room_id
            JOIN session_hosts h ON h.session_id = COALESCE(r.session_id, p.session_id) WHERE r.id = ?
            """), arguments: [room]))
    }

    /// Someone speaking in a room, with their badge there (organisers need no look-up).
    static func roomAuthor(_ db: Database, _ user: UserRecord, room: RoomID) throws -> Author {
        let hosts = try user.role != .organiser && isHost(db, user: user, room: room)
        return Author(id: user.id, displayName: user.displayName, badge: Badge.inRoom(role: user.role, hostsRoom: hosts))
    }

    /// Someone speaking in a room whose hosting is known already (`RoomFacts.isHost`: organisers and the room's hosts).
    static func roomAuthor(_ user: UserRecord, hostsRoom: Bool) -> Author {
        Author(id: user.id, displayName: user.displayName, badge: Badge.inRoom(role: user.role, hostsRoom: hostsRoom))
    }

    /// An author of a room read from a row with `author_id`, `display_name` and `role`; `hosts`: `roomHostIDs`.
    static func roomAuthor(_ row: Row, hosts: Set<Int64>) -> Author {
        let id: Int64 = row["author_id"]
        let role = Role(rawValue: row["role"] ?? "") ?? .participant
        return Author(id: UserID(id), displayName: row["display_name"], badge: Badge.inRoom(role: role, hostsRoom: hosts.contains(id)))
    }

    /// An author read from a row, with the badge of their role (`role` a column of `users`; unknown: none).
    static func author(id: Int64, name: String, role: String?) -> Author {
        Author(id: UserID(id), displayName: name, storedRole: role)
    }

    /// Someone speaking outside rooms (desk, hub, direct messages), with the badge of their role.
    static func author(_ user: UserRecord) -> Author {
        Author(id: user.id, displayName: user.displayName, badge: Badge.of(role: user.role))
    }

    /// A person's role as stored (nil: no such person).
    static func role(_ db: Database, of user: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT role FROM users WHERE id = ?"), arguments: [user])
    }
}

extension AppDatabase {
    /// The people of `present` as a room's list needs them (``RoomPeople/Person``): names, roles, and whether they host
    /// this room. One read, however many are in (the ids go in as one JSON array).
    public func roomPeople(room: RoomID, present: [UserID]) async throws -> [RoomPeople.Person] {
        guard !present.isEmpty else { return [] }
        let ids = "[" + present.map { String($0.rawValue) }.joined(separator: ",") + "]"
        return try await writer.read { db in
            let hosts = try Self.roomHostIDs(db, room: room)
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT u.id, u.display_name, u.role, json_extract(p.data, '$.photo') AS photo
                FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id IN (SELECT value FROM json_each(?))
                """), arguments: [ids]).map { row in
                let id: Int64 = row["id"]
                return RoomPeople.Person(id: UserID(id), displayName: row["display_name"], role: Role(rawValue: row["role"] ?? "") ?? .participant,
                                         hostsRoom: hosts.contains(id), photo: row["photo"])
            }
        }
    }
}
