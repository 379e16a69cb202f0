import SeminarCore
import Testing

/// A new request, accepting one, closing one, checking in and growing the grid: decided on plain values, no database.
@Suite("meeting booking")
struct MeetingBookingTests {
    static let ana: Int64 = 1, ben: Int64 = 2, stranger: Int64 = 3
    static let now = Timestamp(seconds: 1_000_000)
    static let nine = MeetingSlot(id: SlotID(10), startsAt: now.adding(seconds: 3_600), endsAt: now.adding(seconds: 5_400), tables: 2)
    static let ten = MeetingSlot(id: SlotID(11), startsAt: now.adding(seconds: 7_200), endsAt: now.adding(seconds: 9_000), tables: 1)
    static let past = MeetingSlot(id: SlotID(12), startsAt: now.adding(seconds: -3_600), endsAt: now.adding(seconds: -1_800), tables: 1)
    static let grid = [nine.id: nine, ten.id: ten, past.id: past]
    static let plenary = BookmarkedSession(title: "Plenary", startsAt: nine.startsAt, endsAt: nine.endsAt.adding(seconds: 600))

    static func request(_ slots: [SlotID]?, to: Int64 = ben, confirm: Bool = false, blocked: Bool = false, takes: Bool = true,
                        requester: BusyTimes = BusyTimes(), invitee: BusyTimes = BusyTimes()) -> Result<[SlotID], DomainError> {
        Result { () throws(DomainError) -> [SlotID] in
            try MeetingRules.decide(MeetingProposal(from: ana, to: to, slots: slots, confirmOverlap: confirm), grid: grid, blocked: blocked,
                                    inviteeTakesRequests: takes, requester: requester, invitee: invitee, now: now).map(\.id)
        }
    }

    @Test("a request holds the future grid slots it proposes, once each")
    func request() throws {
        #expect(try Self.request([Self.ten.id, Self.nine.id, Self.ten.id]).get() == [Self.ten.id, Self.nine.id])
    }

    @Test("a request is refused to yourself, across a block, to someone who takes none, and for slots outside the grid or past")
    func requestRefusals() {
        #expect(Self.request([Self.nine.id], to: Self.ana).failure?.code == .invalid)
        #expect(Self.request([Self.nine.id], blocked: true).failure?.code == .forbidden)
        #expect(Self.request([Self.nine.id], takes: false).failure?.code == .forbidden)
        #expect(Self.request(nil).failure?.code == .invalid)
        #expect(Self.request([]).failure?.code == .invalid)
        #expect(Self.request([SlotID(99)]).failure?.code == .notFound)
        #expect(Self.request([Self.past.id]).failure?.code == .invalid)
    }

    @Test("a slot booked or held by a pending request, for either person, is taken")
    func requestBusy() {
        for busy in [BusyTimes(booked: [Self.nine.id]), BusyTimes(held: [Self.nine.id])] {
            #expect(Self.request([Self.ten.id, Self.nine.id], requester: busy).failure?.message == "Slot 10 is already taken for you")
            #expect(Self.request([Self.ten.id, Self.nine.id], invitee: busy).failure?.message == "Slot 10 is already taken for them")
            #expect((try? Self.request([Self.ten.id], requester: busy).get()) == [Self.ten.id])
        }
    }

    @Test("a slot over a session in the requester's agenda needs a confirmation; the invitee's agenda is theirs to weigh")
    func requestOverlap() throws {
        let agenda = BusyTimes(sessions: [Self.plenary])
        let refused = Self.request([Self.nine.id], requester: agenda).failure
        #expect(refused?.code == .conflict)
        #expect(refused?.detail == "overlap")
        #expect(try Self.request([Self.nine.id], confirm: true, requester: agenda).get() == [Self.nine.id])
        #expect(try Self.request([Self.nine.id], invitee: agenda).get() == [Self.nine.id])
        #expect(try Self.request([Self.ten.id], requester: agenda).get() == [Self.ten.id], "touching ends do not overlap")
    }

    static func accept(_ slot: SlotID?, by user: Int64 = ben, confirm: Bool = false, status: RequestStatus = .pending,
                       requester: BusyTimes = BusyTimes(), invitee: BusyTimes = BusyTimes(), used: Set<Int> = [],
                       now: Timestamp = now) -> Result<Booking, DomainError> {
        Result { () throws(DomainError) -> Booking in
            try MeetingRules.accept(RequestFacts(from: ana, to: ben, status: status, createdAt: Self.now), slot: slot, proposed: [Self.nine, Self.ten],
                                    by: user, confirmOverlap: confirm, requester: requester, invitee: invitee, usedTables: used, now: now,
                                    expiryHours: 48)
        }
    }

    @Test("accepting books the chosen slot at the first free table")
    func accept() throws {
        #expect(try Self.accept(Self.nine.id).get() == Booking(slot: Self.nine, table: 1))
        #expect(try Self.accept(Self.nine.id, used: [1]).get() == Booking(slot: Self.nine, table: 2))
    }

    @Test("accept: only the invitee, still pending, not expired, a proposed slot not started, nobody booked then, a free table")
    func acceptRefusals() {
        #expect(Self.accept(Self.nine.id, by: Self.ana).failure?.code == .forbidden)
        #expect(Self.accept(Self.nine.id, by: Self.stranger).failure?.code == .notFound)
        #expect(Self.accept(Self.nine.id, status: .declined).failure?.code == .conflict)
        #expect(Self.accept(Self.nine.id, now: Self.now.adding(seconds: 48 * 3_600)).failure?.code == .conflict)
        #expect(Self.accept(nil).failure?.code == .invalid)
        #expect(Self.accept(Self.past.id).failure?.code == .invalid, "not one of the proposed slots")
        #expect(Self.accept(Self.nine.id, now: Self.nine.startsAt).failure?.message == "This slot has already started")
        #expect(Self.accept(Self.nine.id, requester: BusyTimes(booked: [Self.nine.id])).failure?.message == "They are already booked at that time")
        #expect(Self.accept(Self.nine.id, invitee: BusyTimes(booked: [Self.nine.id])).failure?.message == "You are already booked at that time")
        #expect(Self.accept(Self.nine.id, invitee: BusyTimes(held: [Self.nine.id])).failure == nil, "the request's own hold does not count")
        let full = Self.accept(Self.nine.id, used: [1, 2]).failure
        #expect(full?.code == .conflict)
        #expect(full?.detail == "full")
    }

    @Test("accepting over a session in the invitee's agenda names it and needs a confirmation")
    func acceptOverlap() throws {
        let refused = Self.accept(Self.nine.id, invitee: BusyTimes(sessions: [Self.plenary])).failure
        #expect(refused?.detail == "overlap")
        #expect(refused?.message.contains("Plenary") == true)
        #expect(try Self.accept(Self.nine.id, confirm: true, invitee: BusyTimes(sessions: [Self.plenary])).get().table == 1)
        #expect(try Self.accept(Self.nine.id, requester: BusyTimes(sessions: [Self.plenary])).get().table == 1)
    }

    @Test("closing declines or withdraws; an accept never goes that way")
    func close() throws {
        let pending = RequestFacts(from: Self.ana, to: Self.ben, status: .pending, createdAt: Self.now)
        #expect(try MeetingRules.close(.decline, on: pending, by: Self.ben, now: Self.now, expiryHours: 48) == .declined)
        #expect(try MeetingRules.close(.withdraw, on: pending, by: Self.ana, now: Self.now, expiryHours: 48) == .cancelled)
        #expect(throws: DomainError.self) { try MeetingRules.close(.accept, on: pending, by: Self.ben, now: Self.now, expiryHours: 48) }
        #expect(throws: DomainError.self) { try MeetingRules.close(.decline, on: pending, by: Self.ana, now: Self.now, expiryHours: 48) }
    }

    @Test("checking in: within the window once; again changes nothing, even late; a stranger or a cancelled meeting is refused")
    func checkIn() throws {
        let booked = MeetingFacts(a: Self.ana, b: Self.ben, status: "booked")
        let open = Self.nine.startsAt.adding(seconds: -60)
        #expect(try MeetingRules.checkIn(booked, by: Self.ana, alreadyCheckedIn: false, slot: Self.nine, now: open))
        #expect(try !MeetingRules.checkIn(booked, by: Self.ana, alreadyCheckedIn: true, slot: Self.nine, now: Self.nine.endsAt))
        #expect(throws: DomainError.self) { try MeetingRules.checkIn(booked, by: Self.ben, alreadyCheckedIn: false, slot: Self.nine, now: Self.now) }
        #expect(throws: DomainError.self) { try MeetingRules.checkIn(booked, by: Self.stranger, alreadyCheckedIn: false, slot: Self.nine, now: open) }
        #expect(throws: DomainError.self) {
            try MeetingRules.checkIn(MeetingFacts(a: Self.ana, b: Self.ben, status: "cancelled"), by: Self.ana, alreadyCheckedIn: false, slot: Self.nine, now: open)
        }
    }

    @Test("slots added to the grid may touch but not overlap those in it")
    func gridAddition() {
        #expect(throws: Never.self) { try MeetingRules.checkAddition([(Self.nine.endsAt, Self.ten.startsAt)], to: [Self.nine, Self.ten]) }
        #expect(throws: DomainError.self) {
            try MeetingRules.checkAddition([(Self.nine.startsAt.adding(seconds: 60), Self.nine.endsAt.adding(seconds: 60))], to: [Self.nine])
        }
    }
}
