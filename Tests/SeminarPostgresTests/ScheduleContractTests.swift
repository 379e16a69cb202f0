import Foundation
import SeminarCore
import SeminarPostgres
import SeminarStore
import Testing

/// Meetings beyond one request (`ScheduleStore`: availability, the bulk plan, expiry, the other side of a table), held
/// against every store. A plan published while the lounge books on another node takes each table once.
@Suite("schedule contract: SQLite and PostgreSQL")
struct ScheduleContractTests {
    typealias Lounge = MeetingContractTests.Lounge
    static let now = MeetingContractTests.now

    static func available(_ lounge: Lounge, _ person: UserRecord) async throws -> [SlotID] {
        try await lounge.store.grid(for: person.id).filter(\.available).map(\.slot.id)
    }

    @Test("availability: set, replaced, read by the scheduler with bookings, blocks and bookmarks; an unknown slot changes nothing",
          arguments: StoreKinds.all)
    func availabilityAndInput(kind: String) async throws {
        let lounge = try await Lounge(kind)
        defer { Task { await lounge.close() } }
        let store = try #require(lounge.store as? any MeetingContractTests.Subject & ScheduleStore)
        try await store.setAvailability(user: lounge.ana.id, slots: [lounge.overlapping, lounge.free])
        #expect(try await Self.available(lounge, lounge.ana) == [lounge.overlapping, lounge.free])
        try await store.setAvailability(user: lounge.ana.id, slots: [lounge.free, lounge.free])
        #expect(try await Self.available(lounge, lounge.ana) == [lounge.free])
        #expect(await refusal { try await store.setAvailability(user: lounge.ana.id, slots: [SlotID(999_999)]) } == .notFound)
        #expect(try await Self.available(lounge, lounge.ana) == [lounge.free])

        for person in [lounge.ben, lounge.cleo] { try await store.setAvailability(user: person.id, slots: [lounge.overlapping, lounge.free]) }
        let session = try #require(try await store.program(for: nil).sessions.first { $0.key == "s1" })
        try await store.bookmark(session: session.id, user: lounge.ben.id, now: Self.now)
        try await store.setBlock(blocker: lounge.cleo.id, blocked: lounge.ana.id, on: true)
        let input = try await store.scheduleInput(slots: [lounge.overlapping, lounge.free], maxPerPerson: 2, only: nil)
        #expect(input.users == [lounge.ana.id, lounge.ben.id, lounge.cleo.id])
        #expect(input.names == ["Ana", "Ben", "Cleo"])
        #expect(input.problem.tables == [1, 1])
        #expect(input.problem.people.map(\.free) == [0b10, 0b11, 0b11])
        #expect(input.bookmarks[1].map(\.id) == [session.id] && input.sessionTitles[session.id]?.resolved(.en)?.text == "Plenary")
        #expect(input.problem.people[1].bookmarked == 0b01)
        #expect(!input.problem.pairs.contains { [$0.a, $0.b] == [0, 2] }, "a block keeps the pair apart")
        let only = try await store.scheduleInput(slots: [lounge.free], maxPerPerson: 1, only: [lounge.ben.id.rawValue])
        #expect(only.users == [lounge.ben.id])
        #expect(await refusal { try await store.scheduleInput(slots: [SlotID(999_999)], maxPerPerson: 1, only: nil) } == .notFound)
    }

    @Test("a plan books what is free and skips what was taken, tells both people and mails each their meetings; the partner is the other one",
          arguments: StoreKinds.all)
    func publishPlan(kind: String) async throws {
        let lounge = try await Lounge(kind)
        defer { Task { await lounge.close() } }
        let store = try #require(lounge.store as? any MeetingContractTests.Subject & ScheduleStore)
        let (ana, ben, cleo, dan) = (lounge.ana, lounge.ben, lounge.cleo, lounge.dan)
        let pending = try await lounge.request(ana, ben, lounge.overlapping, confirm: true)
        let before = try await heads(store, [.user(cleo.id), .user(dan.id)])
        let plan: PlanMail.Composer = { person, meetings, _, _ in
            OutboxMail(kind: .meetingPlan, recipient: person.email, userID: person.id, language: person.language, fromName: "Seminar",
                       content: MailContent(subject: "Your meetings", text: meetings.map(\.with).joined(separator: ","), html: ""))
        }
        let outcome = try await store.publishPlan([PlannedMeeting(a: ana.id.rawValue, b: ben.id.rawValue, slot: lounge.free, score: 1),
                                                   PlannedMeeting(a: cleo.id.rawValue, b: dan.id.rawValue, slot: lounge.free, score: 1),
                                                   PlannedMeeting(a: cleo.id.rawValue, b: dan.id.rawValue, slot: SlotID(999_999), score: 1)],
                                                  now: Self.now, notify: plan)
        #expect(outcome.created == 1 && outcome.skipped == 2)
        #expect(try await heads(store, [.user(cleo.id), .user(dan.id)]) == before, "the skipped tell nobody")
        let booked = try #require(try await store.meetingList(for: ana.id, expiryHours: MeetingContractTests.hours).meetings.first)
        #expect(booked.with.id == ben.id && booked.slot.id == lounge.free && booked.table == 1)
        #expect(try await store.events(topic: .user(ben.id), since: 0).events.last?.type == "meeting.booked")
        #expect(try await store.meetingList(for: ben.id, expiryHours: MeetingContractTests.hours).incoming.first { $0.id == pending.id }?.status == .accepted,
                "their pending request is answered by the plan")
        let mailed = try await store.outbox().filter { $0.kind == MailKind.meetingPlan.rawValue }.map(\.recipient).sorted()
        #expect(mailed == [ana.email, ben.email].sorted())
        #expect(try await store.meetingPartner(meeting: booked.id, of: ana.id) == ben.id.rawValue)
        #expect(try await store.meetingPartner(meeting: booked.id, of: ben.id) == ana.id.rawValue)
        #expect(await refusal { try await store.meetingPartner(meeting: booked.id, of: cleo.id) } != nil)
    }

    @Test("two plans for one slot's last table at once: one books it, the other is skipped", arguments: StoreKinds.all)
    func plansAtOnce(kind: String) async throws {
        let lounge = try await Lounge(kind)
        defer { Task { await lounge.close() } }
        let store = try #require(lounge.store as? any MeetingContractTests.Subject & ScheduleStore)
        let (ana, ben, cleo, dan, free) = (lounge.ana, lounge.ben, lounge.cleo, lounge.dan, lounge.free)
        async let first = store.publishPlan([PlannedMeeting(a: ana.id.rawValue, b: ben.id.rawValue, slot: free, score: 1)], now: Self.now)
        async let second = store.publishPlan([PlannedMeeting(a: cleo.id.rawValue, b: dan.id.rawValue, slot: free, score: 1)], now: Self.now)
        let outcomes = try await [first, second]
        #expect(outcomes.map(\.created).reduce(0, +) == 1 && outcomes.map(\.skipped).reduce(0, +) == 1)
        var booked = 0
        for person in lounge.people { booked += try await store.meetingList(for: person.id, expiryHours: MeetingContractTests.hours).meetings.count }
        #expect(booked == 2)
    }

    @Test("pending requests past their hours expire once, both people told; answered ones stay", arguments: StoreKinds.all)
    func expiry(kind: String) async throws {
        let lounge = try await Lounge(kind)
        defer { Task { await lounge.close() } }
        let store = try #require(lounge.store as? any MeetingContractTests.Subject & ScheduleStore)
        let old = try await lounge.request(lounge.ana, lounge.ben, lounge.free)
        let answered = try await lounge.request(lounge.cleo, lounge.dan, lounge.free)
        _ = try await lounge.accept(answered, lounge.free, by: lounge.dan)
        let later = Self.now.adding(seconds: Int64(MeetingContractTests.hours) * 3600 + 1)
        #expect(try await store.expireRequests(now: Self.now, expiryHours: MeetingContractTests.hours) == 0)
        let before = try await heads(store, [.user(lounge.ana.id), .user(lounge.ben.id), .user(lounge.cleo.id)])
        #expect(try await store.expireRequests(now: later, expiryHours: MeetingContractTests.hours) == 1)
        #expect(try await heads(store, [.user(lounge.ana.id), .user(lounge.ben.id), .user(lounge.cleo.id)]) == [before[0] + 1, before[1] + 1, before[2]])
        #expect(try await store.meetingList(for: lounge.ana.id, expiryHours: MeetingContractTests.hours).outgoing.first { $0.id == old.id }?.status == .expired)
        #expect(try await store.expireRequests(now: later, expiryHours: MeetingContractTests.hours) == 0)
    }
}
