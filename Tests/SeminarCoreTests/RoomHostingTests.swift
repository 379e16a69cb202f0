import SeminarCore
import Testing

/// Who runs a room and what follows from it: host acts, deleting messages, breakouts, one vote each.
struct RoomHostingTests {
    @Test func organisersHostEverywhereOthersWhenTheyHostTheSession() throws {
        var asked = false
        #expect(RoomHosting.isHost(role: .organiser) { asked = true; return false })
        #expect(!asked, "an organiser's hosting needs no look-up")
        #expect(RoomHosting.isHost(role: .host) { true })
        #expect(!RoomHosting.isHost(role: .host) { false })
        #expect(refusal { try RoomHosting.require(isHost: false) } == .forbidden)
        #expect(refusal { try RoomHosting.require(isHost: true) } == nil)
    }

    @Test func aSessionsPageIsEditedByWhoeverRunsIt() {
        #expect(refusal { try RoomHosting.mayEditSession(isHost: true) } == nil)
        #expect(refusal { try RoomHosting.mayEditSession(isHost: false) } == .forbidden)
    }

    @Test func handsAreLoweredByTheirOwnerOrAHostAndGrantedByAHost() {
        #expect(refusal { try RoomHosting.mayLowerHand(of: UserID(1), by: UserID(1), isHost: false) } == nil)
        #expect(refusal { try RoomHosting.mayLowerHand(of: UserID(1), by: UserID(2), isHost: true) } == nil)
        #expect(refusal { try RoomHosting.mayLowerHand(of: UserID(1), by: UserID(2), isHost: false) } == .forbidden)
        #expect(refusal { try RoomHosting.mayGrantHand(isHost: true) } == nil)
        #expect(refusal { try RoomHosting.mayGrantHand(isHost: false) } == .forbidden)
    }

    @Test func aMessageIsDeletedByItsAuthorOrAHost() {
        #expect(refusal { try RoomHosting.mayDelete(messageBy: UserID(1), by: UserID(1), isHost: false) } == nil)
        #expect(refusal { try RoomHosting.mayDelete(messageBy: UserID(1), by: UserID(2), isHost: true) } == nil)
        #expect(refusal { try RoomHosting.mayDelete(messageBy: UserID(1), by: UserID(2), isHost: false) } == .forbidden)
    }

    @Test func breakoutsStartOnceInASessionRoomWithPeopleAndEndWhileRunning() {
        #expect(refusal { try BreakoutPlan.mayStart(roomKind: "session", running: false, groups: 2) } == nil)
        #expect(refusal { try BreakoutPlan.mayStart(roomKind: "breakout", running: false, groups: 2) } == .conflict)
        #expect(refusal { try BreakoutPlan.mayStart(roomKind: "session", running: true, groups: 2) } == .conflict)
        #expect(refusal { try BreakoutPlan.mayStart(roomKind: "session", running: false, groups: 0) } == .conflict)
        #expect(refusal { try BreakoutPlan.mayEnd(running: 0) } == .conflict)
        #expect(refusal { try BreakoutPlan.mayEnd(running: 3) } == nil)
    }

    @Test func oneAnswerPerPollAndOneVotePerQuestion() {
        #expect(refusal { try OneVote.poll(alreadyAnswered: false) } == nil)
        #expect(refusal { try OneVote.poll(alreadyAnswered: true) } == .conflict)
        #expect(refusal { try OneVote.question(alreadyVoted: false) } == nil)
        #expect(refusal { try OneVote.question(alreadyVoted: true) } == .conflict)
    }
}
