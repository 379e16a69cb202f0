import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// The networking lounge's people (`LoungeStore`), held against every store: the embedded SQLite one and the cluster's
/// PostgreSQL one. People search (words, accents, blocks, filters), a person as another sees them, suggestions' facts,
/// a room's list, the organisers' interests, photos and languages.
@Suite("lounge contract: SQLite and PostgreSQL")
struct LoungeContractTests {
    typealias Subject = AccountStore & PeopleStore & LoungeStore & ProgramStore & PostStore & EventLogStore
    static let now = ProgramContractTests.now

    static func make(_ kind: String) async throws -> (store: any Subject, close: @Sendable () async -> Void) {
        try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
    }

    /// Ana looks for Zoé (Dakar), Ben (Lagos) and Carla (Mexico City).
    static func people(_ store: any Subject) async throws -> (ana: UserRecord, zoe: UserRecord, ben: UserRecord, carla: UserRecord) {
        let ana = try await person(store, "Ana")
        let zoe = try await person(store, "Zoé Martin")
        let ben = try await person(store, "Ben Okafor")
        let carla = try await person(store, "Carla Ruiz")
        _ = try await store.updateProfile(user: zoe.id, edit: ProfileEdit(organisation: "Ville de Dakar", city: "Dakar", region: "africa", interests: ["climate"],
                                                                          languages: ["fr"]))
        _ = try await store.updateProfile(user: ben.id, edit: ProfileEdit(organisation: "Lagos State", city: "Lagos", region: "africa", languages: ["en"]))
        _ = try await store.updateProfile(user: carla.id, edit: ProfileEdit(organisation: "Ciudad de México", city: "México", region: "latin-america",
                                                                            interests: ["housing"], languages: ["es", "en"]))
        return (ana, zoe, ben, carla)
    }

    static func search(_ store: any Subject, _ viewer: UserRecord, _ filter: PeopleFilter) async throws -> [String] {
        try await store.searchPeople(viewer: viewer.id, filter: filter, isOnline: { _ in false }).map(\.displayName)
    }

    @Test("people search: names, organisations and cities, accents and case folded, every word a prefix; filters and the limit",
          arguments: StoreKinds.all)
    func search(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let (ana, zoe, ben, _) = try await Self.people(store)
        #expect(try await Self.search(store, ana, PeopleFilter(text: "zoe")) == ["Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "ZOÉ mar")) == ["Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "dak")) == ["Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "mexico")) == ["Carla Ruiz"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "ciudad mex")) == ["Carla Ruiz"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "lagos, okaf!")) == ["Ben Okafor"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "zoe lagos")).isEmpty)
        #expect(try await Self.search(store, ana, PeopleFilter(text: "NEAR(\"x' & !")).isEmpty)
        #expect(try await Self.search(store, ana, PeopleFilter(text: "ana")).isEmpty)  // never oneself
        // Without words: everyone else, by name; then the filters.
        #expect(try await Self.search(store, ana, PeopleFilter()) == ["Ben Okafor", "Carla Ruiz", "Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: " ¿? ")) == ["Ben Okafor", "Carla Ruiz", "Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(region: "africa")) == ["Ben Okafor", "Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(interest: "climate")) == ["Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(language: "en")) == ["Ben Okafor", "Carla Ruiz"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "de", language: "es")) == ["Carla Ruiz"])
        #expect(try await Self.search(store, ana, PeopleFilter(among: [zoe.id, ben.id])) == ["Ben Okafor", "Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(limit: 2)) == ["Ben Okafor", "Carla Ruiz"])
        let online = try await store.searchPeople(viewer: ana.id, filter: PeopleFilter(), isOnline: { $0 == ben.id })
        #expect(online.map(\.online) == [true, false, false] && online.first?.profile.city == "Lagos")
        // A new name is found at once, the old one no more.
        _ = try await store.updateProfile(user: zoe.id, edit: ProfileEdit(displayName: "Zoé Ndiaye"))
        #expect(try await Self.search(store, ana, PeopleFilter(text: "ndiaye")) == ["Zoé Ndiaye"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "martin")).isEmpty)
        await close()
    }

    @Test("blocked either way: left out of search, suggestions and profiles", arguments: StoreKinds.all)
    func blocks(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let (ana, zoe, ben, carla) = try await Self.people(store)
        try await store.setBlock(blocker: ana.id, blocked: carla.id, on: true)
        try await store.setBlock(blocker: ben.id, blocked: ana.id, on: true)
        #expect(try await store.blockedAround(ana.id) == [carla.id, ben.id])
        #expect(try await store.blockedAround(carla.id) == [ana.id])
        #expect(try await store.blockedAround(zoe.id).isEmpty)
        #expect(try await Self.search(store, ana, PeopleFilter()) == ["Zoé Martin"])
        #expect(try await Self.search(store, ana, PeopleFilter(text: "mexico")).isEmpty)
        #expect(try await Self.search(store, zoe, PeopleFilter()) == ["Ana", "Ben Okafor", "Carla Ruiz"])
        #expect(await refusal { try await store.person(carla.id.rawValue, viewer: ana.id, online: true) } == .notFound)
        #expect(await refusal { try await store.person(ana.id.rawValue, viewer: ben.id, online: true) } == .notFound)
        #expect(await refusal { try await store.person(999_999, viewer: ana.id, online: true) } == .notFound)
        let seen = try await store.person(zoe.id.rawValue, viewer: ana.id, online: true)
        #expect(seen.id == zoe.id && seen.displayName == "Zoé Martin" && seen.online && seen.profile.organisation == "Ville de Dakar")
        #expect(try await store.person(zoe.id.rawValue, viewer: ana.id, online: false).online == false)

        let facts = try await store.matchCandidates(for: ana.id)
        #expect(facts.me == Profile() && facts.excluded == [carla.id, ben.id])
        #expect(facts.candidates.map(\.user) == [zoe.id, ben.id, carla.id])
        #expect(facts.candidates.first?.profile.interests == ["climate"])
        #expect(try await store.matchCandidates(for: zoe.id).me.city == "Dakar")
        await close()
    }

    @Test("a room's people: names, roles, photos, and whether they host the room", arguments: StoreKinds.all)
    func roomPeople(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
        let sessions = try await store.program(for: nil).sessions
        let room = try #require(sessions.first?.roomId)
        let other = try #require(sessions.last?.roomId)
        let host = try await person(store, "Host", role: .host)
        let ana = try await person(store, "Ana")
        let organiser = try await person(store, "Organiser", role: .organiser)
        try await store.addHost(user: host.id, session: try #require(sessions.first?.id))
        let photo = try await store.setProfilePhoto(user: ana.id, file: (sha256: String(repeating: "b", count: 64), type: "image/png", size: 12), now: Self.now)
        let people = try await store.roomPeople(room: room, present: [organiser.id, ana.id, host.id, UserID(999_999)]).sorted { $0.id < $1.id }
        #expect(people == [RoomPeople.Person(id: host.id, displayName: "Host", role: .host, hostsRoom: true),
                           RoomPeople.Person(id: ana.id, displayName: "Ana", role: .participant, hostsRoom: false, photo: photo.profile.photo),
                           RoomPeople.Person(id: organiser.id, displayName: "Organiser", role: .organiser, hostsRoom: false)])
        #expect(photo.profile.photo != nil)
        #expect(try await store.roomPeople(room: other, present: [host.id]).map(\.hostsRoom) == [false])
        #expect(try await store.roomPeople(room: room, present: []).isEmpty)
        await close()
    }

    @Test("interests: the organisers' first list, then replaced whole; a profile keeps a key it had; two replacements at once end as one",
          arguments: StoreKinds.all)
    func interests(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let first = try await store.interests()
        #expect(first.count == 9 && first.first == Interest(key: "climate", name: LocalizedText(fr: "climat", en: "climate", es: "clima")))
        #expect(first.last?.key == "decentralised-cooperation" && first[3].name.fr == "mobilité")
        let ana = try await person(store, "Ana")
        _ = try await store.updateProfile(user: ana.id, edit: ProfileEdit(interests: ["health"]))
        let list = [Interest(key: "water", name: LocalizedText(fr: "eau", en: "water")), Interest(key: "energy", name: LocalizedText(en: "energy"))]
        try await store.setInterests(list)
        #expect(try await store.interests() == list)
        #expect(try await store.updateProfile(user: ana.id, edit: ProfileEdit(interests: ["health", "energy"])).profile.interests == ["health", "energy"])
        #expect(await refusal { try await store.updateProfile(user: ana.id, edit: ProfileEdit(interests: ["climate"])) } == .invalid)

        let lists = (0..<4).map { n in (0..<6).map { Interest(key: "k\(n)-\($0)", name: LocalizedText(en: "list \(n) item \($0)")) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for list in lists { group.addTask { try await store.setInterests(list) } }
            try await group.waitForAll()
        }
        let now = try await store.interests()
        #expect(lists.contains(now))
        try await store.setInterests([])
        #expect(try await store.interests().isEmpty)
        await close()
    }

    @Test("a photo is recorded and shown, taken away (its file stays), and kept beside a profile edit made at once; a person's language",
          arguments: StoreKinds.all)
    func photoAndLocale(kind: String) async throws {
        let (store, close) = try await Self.make(kind)
        let ana = try await person(store, "Ana", locale: .fr)
        _ = try await store.updateProfile(user: ana.id, edit: ProfileEdit(organisation: "Ville de Dakar"))
        let sha = String(repeating: "c", count: 64)
        let set = try await store.setProfilePhoto(user: ana.id, file: (sha256: sha, type: "image/webp", size: 2_048), now: Self.now)
        let file = try #require(set.profile.photo)
        #expect(set.id == ana.id && set.displayName == "Ana" && set.online && set.profile.organisation == "Ville de Dakar")
        #expect(try await store.file(id: file) == StoredFile(id: file, name: "photo", type: "image/webp", size: 2_048, sha256: sha))
        let other = try await person(store, "Ben")
        #expect(try await store.person(ana.id.rawValue, viewer: other.id, online: false).profile.photo == file)
        let again = try await store.setProfilePhoto(user: ana.id, file: (sha256: sha, type: "image/webp", size: 2_048), now: Self.now)
        #expect(again.profile.photo != nil && again.profile.photo != file)
        let removed = try await store.setProfilePhoto(user: ana.id, file: nil, now: Self.now)
        #expect(removed.profile.photo == nil && removed.profile.organisation == "Ville de Dakar")
        #expect(try await store.person(ana.id.rawValue, viewer: other.id, online: false).profile.photo == nil)
        #expect(try await store.file(id: file) != nil)
        // A photo for someone without a profile yet makes one.
        #expect(try await store.setProfilePhoto(user: other.id, file: (sha256: sha, type: "image/png", size: 1), now: Self.now).profile.photo != nil)

        // A photo and a profile edit at once: each keeps what the other wrote.
        for round in 0..<4 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await store.setProfilePhoto(user: other.id, file: (sha256: sha, type: "image/png", size: Int64(round)), now: Self.now) }
                group.addTask { _ = try await store.updateProfile(user: other.id, edit: ProfileEdit(organisation: "Org \(round)")) }
                try await group.waitForAll()
            }
            let profile = try await store.person(other.id.rawValue, viewer: ana.id, online: false).profile
            #expect(profile.organisation == "Org \(round)")
            #expect(try await store.file(id: try #require(profile.photo))?.size == Int64(round))
        }

        try await store.setLocale(user: ana.id, locale: .es)
        #expect(try await store.user(id: ana.id)?.locale == .es)
        #expect(try await store.user(id: other.id)?.locale == .en)
        await close()
    }
}
