import SeminarCore
import SeminarProtocol
import SeminarStore
import Testing

/// Meetings, for any store: requests, accept, decline, withdraw, cancel, check-in; each refusal changes nothing and tells
/// nobody.
struct MeetingContractTests {
    static let hours = 48

    /// A grid of two slots of one table on the session's day: `overlapping` the session (10:00–11:00), `free` after it.
    struct Lounge {
        let store: any Store
        let ana: UserRecord, ben: UserRecord, cleo: UserRecord, dan: UserRecord
        let overlapping: SlotID, free: SlotID
        var people: [UserRecord] { [ana, ben, cleo, dan] }
        var topics: [Topic] { people.map { .user($0.id) } + [.lounge] }

        init(_ factory: StoreFactory) async throws {
            store = try factory.make()
            _ = try await Given.sessionRoom(store)
            ana = try await Given.person(store, "Ana")
            ben = try await Given.person(store, "Ben")
            cleo = try await Given.person(store, "Cleo")
            dan = try await Given.person(store, "Dan")
            let ten = try #require(Timestamp(iso8601: "2030-01-01T10:00:00Z")), noon = try #require(Timestamp(iso8601: "2030-01-01T12:00:00Z"))
            try await store.addSlots([(ten, ten.adding(seconds: 1_800)), (noon, noon.adding(seconds: 1_800))], tables: 1, now: Given.now)
            let grid = try await store.grid(for: ana.id).map(\.slot)
            overlapping = try #require(grid.first?.id)
            free = try #require(grid.last?.id)
        }

        func request(_ from: UserRecord, _ to: UserRecord, _ slot: SlotID, confirm: Bool = false, now: Timestamp = Given.now) async throws -> MeetingRequest {
            try await store.requestMeeting(from: from, to: to.id.rawValue, slots: [slot], message: "", confirmOverlap: confirm, key: nil,
                                           expiryHours: MeetingContractTests.hours, now: now)
        }

        func accept(_ request: MeetingRequest, _ slot: SlotID, by user: UserRecord, now: Timestamp = Given.now) async throws -> Meeting {
            try await store.acceptMeeting(request: request.id, slot: slot, by: user, confirmOverlap: false, expiryHours: MeetingContractTests.hours, now: now)
        }

        /// Everything a refusal must leave alone: each person's requests and meetings, the grid, and every topic's log.
        func state() async throws -> [String] {
            var lines: [String] = []
            for person in people {
                let list = try await store.meetingList(for: person.id, expiryHours: MeetingContractTests.hours)
                lines.append("\(list.incoming) \(list.outgoing) \(list.meetings)")
                lines.append("\(try await store.grid(for: person.id))")
            }
            return lines + (try await Given.log(store, topics)).map(String.init)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aRequestIsRefusedToYourselfAcrossABlockAndOnATakenOrOverlappingSlot(factory: StoreFactory) async throws {
        let lounge = try await Lounge(factory)
        let (store, ana, ben, cleo, dan) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        try await store.setBlock(blocker: cleo.id, blocked: ana.id, on: true)
        _ = try await store.updateProfile(user: dan.id, edit: ProfileEdit(acceptsMeetings: false))
        try await store.bookmark(session: try #require(try await store.program(for: ana.id).sessions.first?.id), user: ana.id, now: Given.now)
        _ = try await lounge.request(ana, ben, lounge.free)
        let before = try await lounge.state()
        #expect(await refusalCode { try await lounge.request(ana, ana, lounge.free) } == .invalid)
        #expect(await refusalCode { try await lounge.request(ana, cleo, lounge.free) } == .forbidden)
        #expect(await refusalCode { try await lounge.request(cleo, ana, lounge.free) } == .forbidden)
        #expect(await refusalCode { try await lounge.request(ana, dan, lounge.free) } == .forbidden)
        #expect(await refusalCode { try await lounge.request(cleo, ben, lounge.free) } == .conflict, "held by Ana's request for Ben")
        #expect(await refusalCode { try await lounge.request(ana, ben, lounge.overlapping) } == .conflict, "over Ana's bookmarked session")
        #expect(try await lounge.state() == before)
        #expect(try await lounge.request(ana, ben, lounge.overlapping, confirm: true).status == .pending)
    }

    @Test(arguments: StoreFactory.all)
    func onlyTheInviteeAcceptsOrDeclinesOnlyTheRequesterWithdrawsAndOnlyWhilePending(factory: StoreFactory) async throws {
        let lounge = try await Lounge(factory)
        let (store, ana, ben, cleo) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo)
        let request = try await lounge.request(ana, ben, lounge.free)
        var before = try await lounge.state()
        #expect(await refusalCode { try await lounge.accept(request, lounge.free, by: ana) } == .forbidden)
        #expect(await refusalCode { try await lounge.accept(request, lounge.free, by: cleo) } == .notFound)
        #expect(await refusalCode { try await lounge.accept(request, lounge.overlapping, by: ben) } == .invalid, "not a proposed slot")
        #expect(await refusalCode {
            try await lounge.accept(request, lounge.free, by: ben, now: Given.now.adding(seconds: Int64(Self.hours) * 3_600))
        } == .conflict, "expired")
        #expect(await refusalCode {
            try await store.closeRequest(request.id, .decline, by: ana, reason: nil, expiryHours: Self.hours, now: Given.now)
        } == .forbidden, "the requester withdraws, the invitee declines")
        #expect(await refusalCode {
            try await store.closeRequest(request.id, .withdraw, by: ben, reason: nil, expiryHours: Self.hours, now: Given.now)
        } == .forbidden)
        #expect(await refusalCode {
            try await store.closeRequest(request.id, .decline, by: cleo, reason: nil, expiryHours: Self.hours, now: Given.now)
        } == .notFound)
        #expect(try await lounge.state() == before)

        #expect(try await store.closeRequest(request.id, .decline, by: ben, reason: "Busy", expiryHours: Self.hours, now: Given.now).status == .declined)
        before = try await lounge.state()
        #expect(await refusalCode { try await lounge.accept(request, lounge.free, by: ben) } == .conflict)
        #expect(await refusalCode {
            try await store.closeRequest(request.id, .withdraw, by: ana, reason: nil, expiryHours: Self.hours, now: Given.now)
        } == .conflict)
        #expect(try await lounge.state() == before)
    }

    @Test(arguments: StoreFactory.all)
    func aSlotWithEveryTableTakenIsFullAndAMeetingIsItsTwoPeoplesOwn(factory: StoreFactory) async throws {
        let lounge = try await Lounge(factory)
        let (store, ana, ben, cleo, dan) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        let first = try await lounge.request(ana, ben, lounge.free)
        let second = try await lounge.request(cleo, dan, lounge.free)
        let meeting = try await lounge.accept(first, lounge.free, by: ben)
        #expect(meeting.table == 1)
        let room = try #require(meeting.roomId)
        let before = try await lounge.state() + (try await Given.log(store, [.room(room)])).map(String.init)
        let full = await refusalCode { try await lounge.accept(second, lounge.free, by: dan) }
        #expect(full == .conflict, "the slot's one table is taken")
        #expect(await refusalCode { try await store.cancelMeeting(meeting.id, by: cleo, now: Given.now) } == .notFound)
        #expect(await refusalCode { try await store.checkIn(meeting: meeting.id, by: cleo, now: Given.now) } == .notFound)
        #expect(await refusalCode { try await store.checkIn(meeting: meeting.id, by: ana, now: Given.now) } == .conflict, "too early")
        #expect(try await lounge.state() + (try await Given.log(store, [.room(room)])).map(String.init) == before)

        try await store.cancelMeeting(meeting.id, by: ana, now: Given.now)
        #expect(await refusalCode { try await store.cancelMeeting(meeting.id, by: ben, now: Given.now) } == .conflict)
        #expect(try await lounge.accept(second, lounge.free, by: dan).table == 1, "the cancelled meeting's table is free again")
    }
}
