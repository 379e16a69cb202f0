import SeminarCore

/// The networking lounge's people: profiles and photos, interests, search, suggestions, who blocked whom, the people in a
/// room, and each person's language.
public protocol LoungeStore: Sendable {
    func blockedAround(_ user: UserID) async throws -> Set<UserID>
    /// Everyone's profile, and who `user` must not be suggested (blocked either way).
    func matchCandidates(for user: UserID) async throws -> (me: Profile, candidates: [Matchmaking.Candidate], excluded: Set<UserID>)
    /// People matching `filter` (name, organisation and city accent-insensitive), without those blocked either way.
    func searchPeople(viewer: UserID, filter: PeopleFilter, isOnline: @escaping @Sendable (UserID) -> Bool) async throws -> [Person]
    /// A person as `viewer` sees them; `not_found` when either blocked the other.
    func person(_ id: Int64, viewer: UserID, online: Bool) async throws -> Person
    /// The people of `present` as a room's list needs them (``RoomPeople/Person``): names, roles, and whether they host
    /// this room. One read, however many are in (the ids go in as one JSON array).
    func roomPeople(room: RoomID, present: [UserID]) async throws -> [RoomPeople.Person]
    func interests() async throws -> [Interest]
    /// Replaces the organisers' list of interests (keys still used in profiles stay valid there).
    func setInterests(_ list: [Interest]) async throws
    /// Sets the person's photo (a file stored already: recorded here, and the profile points at it) or removes it
    /// (nil), in one transaction. The file stays in the store (others may share its bytes).
    func setProfilePhoto(user: UserID, file: (sha256: String, type: String, size: Int64)?, now: Timestamp) async throws -> Person
    func setLocale(user: UserID, locale: Language) async throws
}

extension AppDatabase: LoungeStore {}
