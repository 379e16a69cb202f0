import SeminarCore
import Testing

@Suite("a room's headcount: people, not sockets")
struct HeadcountTests {
    @Test("one person with two sockets and another person are two")
    func twoTabsCountOnce() {
        var room = Headcount()
        room.enter(socket: 1, person: UserID(7))
        room.enter(socket: 2, person: UserID(7))
        room.enter(socket: 3, person: UserID(8))
        #expect(room.count == 2)
        #expect(room.contains(UserID(7)) && room.contains(UserID(8)) && !room.contains(UserID(9)))
    }

    @Test("a person stays until their last socket leaves")
    func lastSocketLeaves() {
        var room = Headcount()
        room.enter(socket: 1, person: UserID(7))
        room.enter(socket: 2, person: UserID(7))
        room.leave(socket: 1)
        #expect(room.count == 1 && room.contains(UserID(7)))
        room.leave(socket: 2)
        #expect(room.count == 0 && !room.contains(UserID(7)) && room.isEmpty)
    }

    @Test("the other nodes' people count once each, here or not, as people come and go on either side")
    func elsewhere() {
        var room = Headcount()
        room.enter(socket: 1, person: UserID(7))
        room.setElsewhere([UserID(7), UserID(8)])
        #expect(room.total == 2 && room.count == 1)
        room.enter(socket: 2, person: UserID(8))
        #expect(room.total == 2 && room.count == 2)
        room.leave(socket: 1)
        #expect(room.total == 2 && room.count == 1)
        room.enter(socket: 3, person: UserID(9))
        #expect(room.total == 3)
        room.setElsewhere([UserID(10)])
        #expect(room.total == 3 && room.count == 2)
        room.leave(socket: 2)
        room.leave(socket: 3)
        #expect(room.total == 1 && room.count == 0 && !room.isEmpty)
        room.setElsewhere([])
        #expect(room.total == 0 && room.isEmpty)
    }

    @Test("entering twice, leaving twice, leaving unknown sockets and anonymous sockets change nothing")
    func idempotent() {
        var room = Headcount()
        room.enter(socket: 1, person: UserID(7))
        room.enter(socket: 1, person: UserID(7))
        room.enter(socket: 2, person: nil)
        room.leave(socket: 9)
        #expect(room.count == 1)
        room.leave(socket: 1)
        room.leave(socket: 1)
        room.leave(socket: 2)
        #expect(room.count == 0 && room.isEmpty)
    }

    @Test("the peak counts people: two overlapping tabs of one person are one; a reconnect at the same instant is not two")
    func peak() {
        let visits = [
            Headcount.Visit(id: VisitID(1), person: UserID(7), joinedAt: 100, leftAt: 400),
            Headcount.Visit(id: VisitID(2), person: UserID(7), joinedAt: 150, leftAt: 300),
            Headcount.Visit(id: VisitID(3), person: UserID(8), joinedAt: 200, leftAt: 250),
            Headcount.Visit(id: VisitID(4), person: UserID(8), joinedAt: 250, leftAt: nil),
        ]
        #expect(Headcount.peak(of: visits) == 2)
        #expect(Headcount.peak(of: visits + [Headcount.Visit(id: VisitID(5), person: UserID(9), joinedAt: 260, leftAt: 270)]) == 3)
        #expect(Headcount.peak(of: []) == 0)
    }
}
