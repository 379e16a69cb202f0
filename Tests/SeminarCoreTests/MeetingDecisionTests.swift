import SeminarCore
import Testing

@Suite("meeting decisions")
struct MeetingDecisionTests {
    static let requester: Int64 = 1, invitee: Int64 = 2, stranger: Int64 = 3
    static let created = Timestamp(seconds: 1_000_000)
    static let soon = created.adding(seconds: 3_600)

    static func request(_ status: RequestStatus) -> RequestFacts {
        RequestFacts(from: requester, to: invitee, status: status, createdAt: created)
    }

    static func decide(_ action: RequestAction, _ status: RequestStatus = .pending, by user: Int64, now: Timestamp = soon) -> Result<RequestStatus, DomainError> {
        Result { () throws(DomainError) -> RequestStatus in
            try MeetingRules.decide(action, on: request(status), by: user, now: now, expiryHours: 48)
        }
    }

    @Test("a pending request: the invitee accepts or declines, the requester withdraws")
    func allowed() throws {
        #expect(try Self.decide(.accept, by: Self.invitee).get() == .accepted)
        #expect(try Self.decide(.decline, by: Self.invitee).get() == .declined)
        #expect(try Self.decide(.withdraw, by: Self.requester).get() == .cancelled)
    }

    @Test("the other side is refused (forbidden), a stranger learns nothing (not_found), whatever the state")
    func sides() {
        for status in [RequestStatus.pending, .accepted, .declined, .expired, .cancelled] {
            #expect(Self.decide(.accept, status, by: Self.requester).failure?.code == .forbidden)
            #expect(Self.decide(.decline, status, by: Self.requester).failure?.code == .forbidden)
            #expect(Self.decide(.withdraw, status, by: Self.invitee).failure?.code == .forbidden)
            for action in RequestAction.allCases {
                #expect(Self.decide(action, status, by: Self.stranger).failure?.code == .notFound, "\(action) on \(status)")
            }
        }
    }

    @Test("only a pending request moves; accepting an expired one is a conflict")
    func states() throws {
        for status in [RequestStatus.accepted, .declined, .expired, .cancelled] {
            #expect(Self.decide(.accept, status, by: Self.invitee).failure?.code == .conflict)
            #expect(Self.decide(.decline, status, by: Self.invitee).failure?.code == .conflict)
            #expect(Self.decide(.withdraw, status, by: Self.requester).failure?.code == .conflict)
        }
        let late = Self.created.adding(seconds: 48 * 3_600)
        #expect(Self.decide(.accept, by: Self.invitee, now: late).failure?.code == .conflict)
        #expect(try Self.decide(.decline, by: Self.invitee, now: late).get() == .declined)
    }

    @Test("a meeting: its two people only, while booked; the answer is the other person")
    func meetings() {
        let booked = MeetingFacts(a: 1, b: 2, status: "booked")
        for action in MeetingAction.allCases {
            #expect((try? MeetingRules.decide(action, on: booked, by: 1)) == 2)
            #expect((try? MeetingRules.decide(action, on: booked, by: 2)) == 1)
            #expect(Self.code { try MeetingRules.decide(action, on: booked, by: 3) } == .notFound)
            #expect(Self.code { try MeetingRules.decide(action, on: MeetingFacts(a: 1, b: 2, status: "cancelled"), by: 1) } == .conflict)
            #expect(Self.code { try MeetingRules.decide(action, on: MeetingFacts(a: 1, b: 2, status: "cancelled"), by: 3) } == .notFound)
        }
    }

    static func code(_ body: () throws -> Int64) -> ErrorCode? {
        do { _ = try body(); return nil } catch { return (error as? DomainError)?.code }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
