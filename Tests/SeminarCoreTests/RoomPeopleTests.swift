import SeminarCore
import Testing

@Suite("a room's list of who is there")
struct RoomPeopleTests {
    static func person(_ id: Int64, _ name: String, _ role: Role = .participant, hosts: Bool = false) -> RoomPeople.Person {
        RoomPeople.Person(id: UserID(id), displayName: name, role: role, hostsRoom: hosts)
    }

    @Test("hosts first, then organisers and agents, then everyone by name, accents and case aside")
    func order() {
        let people = [Self.person(1, "zoé"), Self.person(2, "Ana", .agent), Self.person(3, "Émile"), Self.person(4, "Org", .organiser),
                      Self.person(5, "Host", .host, hosts: true), Self.person(6, "Other host", .host), Self.person(7, "bruno")]
        let list = RoomPeople.list(people)
        #expect(list.shown.map(\.displayName) == ["Host", "Org", "Ana", "bruno", "Émile", "Other host", "zoé"])
        #expect(list.shown.map(\.badge) == [.host, .organiser, .agent, nil, nil, nil, nil])
        #expect(list.count == 7)
    }

    @Test("a big room sends a page of names and the whole count")
    func bounded() {
        let people = (1...18_000).map { Self.person(Int64($0), "Person \($0)") } + [Self.person(20_000, "The host", .host, hosts: true)]
        let list = RoomPeople.list(people)
        #expect(list.shown.count == RoomPeople.listLimit && list.count == 18_001)
        #expect(list.shown.first?.displayName == "The host")
        #expect(RoomPeople.list(people, limit: 0).shown.isEmpty)
    }
}
