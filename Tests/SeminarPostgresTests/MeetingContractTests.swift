import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Bilateral meetings (`MeetingStore`: requests, accept, decline, withdraw, cancel, check-in), held against every store:
/// the embedded SQLite one and the cluster's PostgreSQL one. Each refusal changes nothing and tells nobody; what two
/// people do at once on two nodes ends as one of them alone would have.
@Suite("meeting contract: SQLite and PostgreSQL")
struct MeetingContractTests {
    typealias Subject = AccountStore & PeopleStore & ProgramStore & RoomStore & MeetingStore & EventLogStore & MailOutboxStore
    static let hours = 48
    static let now = ProgramContractTests.now

    /// A grid of two slots of one table on the session's day: `overlapping` the session (10:00–11:00), `free` after it.
    struct Lounge {
        let store: any Subject
        let close: @Sendable () async -> Void
        let ana: UserRecord, ben: UserRecord, cleo: UserRecord, dan: UserRecord
        let overlapping: SlotID, free: SlotID
        var people: [UserRecord] { [ana, ben, cleo, dan] }
        var topics: [Topic] { people.map { .user($0.id) } + [.lounge] }

        init(_ kind: String) async throws {
            (store, close) = try await StoreKinds.node(kind, as: { $0 as any Subject }, sqlite: { try AppDatabase.inMemory(wire: .seminar) })
            try await store.loadProgram(try ProgramContractTests.program(), liveNow: nil)
            ana = try await ProgramContractTests.person(store, "Ana")
            ben = try await ProgramContractTests.person(store, "Ben")
            cleo = try await ProgramContractTests.person(store, "Cleo")
            dan = try await ProgramContractTests.person(store, "Dan")
            let ten = try #require(Timestamp(iso8601: "2030-01-01T10:00:00Z")), noon = try #require(Timestamp(iso8601: "2030-01-01T12:00:00Z"))
            try await store.addSlots([(ten, ten.adding(seconds: 1_800)), (noon, noon.adding(seconds: 1_800))], tables: 1, now: MeetingContractTests.now)
            let grid = try await store.grid(for: ana.id).map(\.slot)
            overlapping = try #require(grid.first?.id)
            free = try #require(grid.last?.id)
        }

        func request(_ from: UserRecord, _ to: UserRecord, _ slot: SlotID, confirm: Bool = false, now: Timestamp = MeetingContractTests.now,
                     notify: MeetingNotice.Composer? = nil) async throws -> MeetingRequest {
            try await store.requestMeeting(from: from, to: to.id.rawValue, slots: [slot], message: "Hello", confirmOverlap: confirm, key: nil,
                                           expiryHours: MeetingContractTests.hours, now: now, notify: notify)
        }

        func accept(_ request: MeetingRequest, _ slot: SlotID, by user: UserRecord, now: Timestamp = MeetingContractTests.now,
                    notify: MeetingNotice.Composer? = nil) async throws -> Meeting {
            try await store.acceptMeeting(request: request.id, slot: slot, by: user, confirmOverlap: false, expiryHours: MeetingContractTests.hours, now: now,
                                          notify: notify)
        }

        /// Everything a refusal must leave alone: each person's requests and meetings, the grid, and every topic's log.
        func state() async throws -> [String] {
            var lines: [String] = []
            for person in people {
                let list = try await store.meetingList(for: person.id, expiryHours: MeetingContractTests.hours)
                lines.append("\(list.incoming) \(list.outgoing) \(list.meetings)")
                lines.append("\(try await store.grid(for: person.id))")
            }
            return lines + (try await heads(store, topics)).map(String.init)
        }
    }

    /// A notice as a mail whose subject says what happened and to whom.
    static let notify: MeetingNotice.Composer = { notice, _, _ in
        OutboxMail(kind: .meetingRequested, recipient: notice.recipient.email, userID: notice.recipient.id, language: notice.recipient.language,
                   fromName: "Seminar", content: MailContent(subject: "\(notice.event) \(notice.other.name)", text: notice.note, html: ""))
    }

    @Test("a request is refused to yourself, across a block, to someone who takes none, on a held or overlapping slot", arguments: StoreKinds.all)
    func refusedRequests(kind: String) async throws {
        let lounge = try await Lounge(kind)
        let (store, ana, ben, cleo, dan) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        try await store.setBlock(blocker: cleo.id, blocked: ana.id, on: true)
        _ = try await store.updateProfile(user: dan.id, edit: ProfileEdit(acceptsMeetings: false))
        try await store.bookmark(session: try #require(try await store.program(for: ana.id).sessions.first?.id), user: ana.id, now: Self.now)
        let asked = try await lounge.request(ana, ben, lounge.free)
        #expect(asked.status == .pending && asked.slots.map(\.id) == [lounge.free] && asked.message == "Hello")
        #expect(try await store.events(topic: .user(ben.id), since: 0).events.map(\.type) == ["meeting.requested"])
        let before = try await lounge.state()
        #expect(await refusal { try await lounge.request(ana, ana, lounge.free) } == .invalid)
        #expect(await refusal { try await lounge.request(ana, cleo, lounge.free) } == .forbidden)
        #expect(await refusal { try await lounge.request(cleo, ana, lounge.free) } == .forbidden)
        #expect(await refusal { try await lounge.request(ana, dan, lounge.free) } == .forbidden)
        #expect(await refusal { try await store.requestMeeting(from: ana, to: 999_999, slots: [lounge.free], message: "", confirmOverlap: false, key: nil,
                                                              expiryHours: Self.hours, now: Self.now, notify: nil) } == .notFound)
        #expect(await refusal { try await lounge.request(cleo, ben, lounge.free) } == .conflict, "held by Ana's request for Ben")
        #expect(await refusal { try await lounge.request(ana, ben, lounge.overlapping) } == .conflict, "over Ana's bookmarked session")
        #expect(try await lounge.state() == before)
        #expect(try await lounge.request(ana, ben, lounge.overlapping, confirm: true).status == .pending)
        await lounge.close()
    }

    @Test("only the invitee accepts or declines, only the requester withdraws, and only while pending", arguments: StoreKinds.all)
    func whoCloses(kind: String) async throws {
        let lounge = try await Lounge(kind)
        let (store, ana, ben, cleo) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo)
        let request = try await lounge.request(ana, ben, lounge.free)
        var before = try await lounge.state()
        #expect(await refusal { try await lounge.accept(request, lounge.free, by: ana) } == .forbidden)
        #expect(await refusal { try await lounge.accept(request, lounge.free, by: cleo) } == .notFound)
        #expect(await refusal { try await lounge.accept(request, lounge.overlapping, by: ben) } == .invalid, "not a proposed slot")
        #expect(await refusal { try await lounge.accept(request, lounge.free, by: ben, now: Self.now.adding(seconds: Int64(Self.hours) * 3_600)) }
                == .conflict, "expired")
        #expect(await refusal { try await store.closeRequest(request.id, .decline, by: ana, reason: nil, expiryHours: Self.hours, now: Self.now, notify: nil) }
                == .forbidden, "the requester withdraws, the invitee declines")
        #expect(await refusal { try await store.closeRequest(request.id, .withdraw, by: ben, reason: nil, expiryHours: Self.hours, now: Self.now, notify: nil) }
                == .forbidden)
        #expect(await refusal { try await store.closeRequest(request.id, .decline, by: cleo, reason: nil, expiryHours: Self.hours, now: Self.now, notify: nil) }
                == .notFound)
        #expect(try await lounge.state() == before)

        let declined = try await store.closeRequest(request.id, .decline, by: ben, reason: "Busy", expiryHours: Self.hours, now: Self.now, notify: nil)
        #expect(declined.status == .declined && declined.reason == "Busy")
        before = try await lounge.state()
        #expect(await refusal { try await lounge.accept(request, lounge.free, by: ben) } == .conflict)
        #expect(await refusal { try await store.closeRequest(request.id, .withdraw, by: ana, reason: nil, expiryHours: Self.hours, now: Self.now, notify: nil) }
                == .conflict)
        #expect(try await lounge.state() == before)
        await lounge.close()
    }

    @Test("a slot with every table taken is full; a meeting is its two people's own; a cancelled table is free again", arguments: StoreKinds.all)
    func tables(kind: String) async throws {
        let lounge = try await Lounge(kind)
        let (store, ana, ben, cleo, dan) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        let first = try await lounge.request(ana, ben, lounge.free)
        let second = try await lounge.request(cleo, dan, lounge.free)
        let meeting = try await lounge.accept(first, lounge.free, by: ben)
        #expect(meeting.table == 1 && meeting.with.displayName == "Ana" && meeting.status == "booked")
        #expect(try await store.grid(for: ana.id).last?.freeTables == 0)
        let room = try #require(meeting.roomId)
        #expect(try await store.room(id: room).kind == "meeting")
        #expect(try await store.meetingList(for: ana.id, expiryHours: Self.hours).meetings.map(\.with.displayName) == ["Ben"])
        let before = try await lounge.state() + (try await heads(store, [.room(room)])).map(String.init)
        #expect(await refusal { try await lounge.accept(second, lounge.free, by: dan) } == .conflict, "the slot's one table is taken")
        #expect(await refusal { try await store.cancelMeeting(meeting.id, by: cleo, now: Self.now, notify: nil) } == .notFound)
        #expect(await refusal { try await store.checkIn(meeting: meeting.id, by: cleo, now: Self.now) } == .notFound)
        #expect(await refusal { try await store.checkIn(meeting: meeting.id, by: ana, now: Self.now) } == .conflict, "too early")
        #expect(try await lounge.state() + (try await heads(store, [.room(room)])).map(String.init) == before)

        let slotStart = try #require(try await store.grid(for: ana.id).last?.slot.startsAt)
        #expect(try await store.checkIn(meeting: meeting.id, by: ana, now: slotStart).checkedIn)
        let checked = try await heads(store, [.room(room)])
        #expect(try await store.checkIn(meeting: meeting.id, by: ana, now: slotStart).checkedIn)
        #expect(try await heads(store, [.room(room)]) == checked, "checking in again tells nobody")
        #expect(try await store.checkIn(meeting: meeting.id, by: ben, now: slotStart).otherCheckedIn)

        try await store.cancelMeeting(meeting.id, by: ana, now: Self.now, notify: nil)
        #expect(try await store.room(id: room).state == .ended)
        #expect(await refusal { try await store.cancelMeeting(meeting.id, by: ben, now: Self.now, notify: nil) } == .conflict)
        #expect(try await lounge.accept(second, lounge.free, by: dan).table == 1, "the cancelled meeting's table is free again")
        await lounge.close()
    }

    @Test("notices are queued in the change's transaction: the request to the invitee, the booking to both", arguments: StoreKinds.all)
    func notices(kind: String) async throws {
        let lounge = try await Lounge(kind)
        let (store, ana, ben) = (lounge.store, lounge.ana, lounge.ben)
        let request = try await lounge.request(ana, ben, lounge.free, notify: Self.notify)
        #expect(try await store.outbox().map(\.recipient) == [ben.email])
        #expect(await refusal { try await lounge.accept(request, lounge.free, by: ana, notify: Self.notify) } == .forbidden)
        #expect(try await store.outbox().count == 1)
        _ = try await lounge.accept(request, lounge.free, by: ben, notify: Self.notify)
        #expect(try await store.outbox().map(\.recipient).sorted() == [ana.email, ben.email, ben.email].sorted())
        await lounge.close()
    }

    @Test("at once: two accepts for a slot's last table book one; two requests for one person's slot hold it once", arguments: StoreKinds.all)
    func racing(kind: String) async throws {
        let lounge = try await Lounge(kind)
        let (store, ana, ben, cleo, dan) = (lounge.store, lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        let first = try await lounge.request(ana, ben, lounge.free)
        let second = try await lounge.request(cleo, dan, lounge.free)
        let accepts = await withTaskGroup(of: ErrorCode?.self) { group in
            group.addTask { await refusal { try await lounge.accept(first, lounge.free, by: ben) } }
            group.addTask { await refusal { try await lounge.accept(second, lounge.free, by: dan) } }
            return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
        }
        #expect(accepts.filter { $0 == nil }.count == 1 && accepts.contains(.conflict))
        #expect(try await store.grid(for: ana.id).last?.freeTables == 0)

        // Ana and Cleo both ask Dan for the overlapping slot at once: one request holds it, the other is refused.
        let requests = await withTaskGroup(of: ErrorCode?.self) { group in
            group.addTask { await refusal { try await lounge.request(ana, dan, lounge.overlapping, confirm: true) } }
            group.addTask { await refusal { try await lounge.request(cleo, dan, lounge.overlapping, confirm: true) } }
            return await group.reduce(into: [ErrorCode?]()) { $0.append($1) }
        }
        #expect(requests.filter { $0 == nil }.count == 1 && requests.contains(.conflict))
        #expect(try await store.meetingList(for: dan.id, expiryHours: Self.hours).incoming.filter { $0.status == .pending && $0.slots.map(\.id) == [lounge.overlapping] }.count == 1)
        await lounge.close()
    }
}
