import SeminarCore
import SeminarStore

/// The lounge's people on the cluster's store (``PostgresLounge``).
extension PostgresStore: LoungeStore {
    var lounge: PostgresLounge { PostgresLounge(context) }

    public func blockedAround(_ user: UserID) async throws -> Set<UserID> { try await lounge.blockedAround(user) }

    public func matchCandidates(for user: UserID) async throws -> (me: Profile, candidates: [Matchmaking.Candidate], excluded: Set<UserID>) {
        try await lounge.matchCandidates(for: user)
    }

    public func searchPeople(viewer: UserID, filter: PeopleFilter, isOnline: @escaping @Sendable (UserID) -> Bool) async throws -> [Person] {
        try await lounge.searchPeople(viewer: viewer, filter: filter, isOnline: isOnline)
    }

    public func person(_ id: Int64, viewer: UserID, online: Bool) async throws -> Person { try await lounge.person(id, viewer: viewer, online: online) }
    public func roomPeople(room: RoomID, present: [UserID]) async throws -> [RoomPeople.Person] { try await lounge.roomPeople(room: room, present: present) }
    public func interests() async throws -> [Interest] { try await lounge.interests() }
    public func setInterests(_ list: [Interest]) async throws { try await lounge.setInterests(list) }

    public func setProfilePhoto(user: UserID, file: (sha256: String, type: String, size: Int64)?, now: Timestamp) async throws -> Person {
        try await lounge.setProfilePhoto(user: user, file: file, now: now)
    }

    public func setLocale(user: UserID, locale: Language) async throws { try await lounge.setLocale(user: user, locale: locale) }
}
