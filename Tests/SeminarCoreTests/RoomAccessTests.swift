import SeminarCore
import Testing

@Suite("room access: one answer whichever message asks")
struct RoomAccessTests {
    let now = Timestamp(seconds: 1_800_000_000)

    func facts(kind: String = "session", state: RoomState = .live, locked: Bool = false, capacity: Int? = nil, host: Bool = false,
               removed: Bool = false, mutedFor seconds: Int64? = nil, member: Bool? = nil) -> RoomFacts {
        RoomFacts(roomId: RoomID(7), kind: kind, state: state, locked: locked, capacity: capacity, isHost: host,
                  standing: RoomStanding(mutedUntil: seconds.map { now.adding(seconds: $0) }, removed: removed), isMember: member)
    }

    func refusal(_ act: RoomAct, _ facts: RoomFacts, entered: Bool = true) -> DomainError? {
        if case .failure(let error) = RoomAccess.decide(act, facts, entered: entered, now: now) { return error }
        return nil
    }

    let newcomer = RoomAct.enter(alreadyIn: false, present: 0)

    @Test("a locked room keeps newcomers out, not the people already in, nor its hosts")
    func locked() {
        let room = facts(locked: true)
        #expect(refusal(newcomer, room)?.detail == "locked")
        #expect(refusal(.enter(alreadyIn: true, present: 3), room) == nil)
        #expect(refusal(newcomer, facts(locked: true, host: true)) == nil)
    }

    @Test("a full room refuses one more newcomer with conflict/full; a person already in takes no new place")
    func full() {
        #expect(refusal(.enter(alreadyIn: false, present: 2), facts(capacity: 2))?.detail == "full")
        #expect(refusal(.enter(alreadyIn: false, present: 1), facts(capacity: 2)) == nil)
        #expect(refusal(.enter(alreadyIn: true, present: 2), facts(capacity: 2)) == nil)
    }

    @Test("a removed person is refused every act, entering included, whatever their socket holds")
    func removed() {
        let room = facts(removed: true)
        for act in [newcomer, .stay, .read, .speak, .vote, .raiseHand, .react] {
            #expect(refusal(act, room)?.code == .forbidden, "\(act)")
        }
    }

    @Test("a meeting table is for its two people only, hosts and organisers included")
    func meetingTable() {
        for act in [newcomer, .stay, .read, .speak, .raiseHand, .react] {
            #expect(refusal(act, facts(kind: "meeting", state: .open, member: false))?.code == .forbidden, "\(act)")
            #expect(refusal(act, facts(kind: "meeting", state: .open, host: true, member: false))?.code == .forbidden, "\(act)")
            #expect(refusal(act, facts(kind: "meeting", state: .open, member: true)) == nil, "\(act)")
        }
    }

    @Test("a breakout group is for its members and its session's hosts")
    func breakout() {
        #expect(refusal(newcomer, facts(kind: "breakout", member: false))?.code == .forbidden)
        #expect(refusal(.speak, facts(kind: "breakout", member: false))?.code == .forbidden)
        #expect(refusal(.stay, facts(kind: "breakout", member: false))?.code == .forbidden)
        #expect(refusal(newcomer, facts(kind: "breakout", member: true)) == nil)
        #expect(refusal(newcomer, facts(kind: "breakout", host: true, member: false)) == nil)
    }

    @Test("taking part needs entering first: reading, speaking, voting, hands and reactions")
    func enteredFirst() {
        for act in [RoomAct.read, .speak, .vote, .raiseHand, .react] {
            #expect(refusal(act, facts(), entered: false)?.message == "Enter the room first", "\(act)")
            #expect(refusal(act, facts(), entered: true) == nil, "\(act)")
        }
    }

    @Test("a muted person reads but does not speak, vote, raise a hand or react until the mute ends")
    func muted() {
        let room = facts(mutedFor: 60)
        #expect(refusal(.read, room) == nil)
        for act in [RoomAct.speak, .vote, .raiseHand, .react] {
            let error = refusal(act, room)
            #expect(error?.code == .forbidden && error?.retryAfterMs == 60_000, "\(act)")
        }
        #expect(refusal(.speak, facts(mutedFor: -1)) == nil)
    }

    @Test("a room takes part only while open or live")
    func closedRoom() {
        for state in [RoomState.scheduled, .ended] {
            #expect(refusal(.speak, facts(state: state))?.code == .conflict)
            #expect(refusal(.raiseHand, facts(state: state))?.code == .conflict)
            #expect(refusal(.read, facts(state: state)) == nil)
        }
    }

    @Test("running the room is for its hosts")
    func hosting() {
        #expect(refusal(.host, facts())?.code == .forbidden)
        #expect(refusal(.host, facts(host: true)) == nil)
    }
}
