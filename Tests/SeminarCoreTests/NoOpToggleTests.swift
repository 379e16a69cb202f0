import SeminarCore
import Testing

/// Toggles that change nothing are not events: the decisions that tell the edge whether there is anything to say.
@Suite("toggles that change nothing")
struct NoOpToggleTests {
    @Test("a hand raised again keeps its place and is not news; lowering a hand that is down is not either")
    func hands() {
        var queue = HandQueue()
        let at = Timestamp(seconds: 1)
        let first = queue.raise(UserID(1), name: "A", at: at)
        let second = queue.raise(UserID(2), name: "B", at: at)
        let again = queue.raise(UserID(1), name: "A", at: at)
        #expect(first.place == 1 && first.raised)
        #expect(second.place == 2 && second.raised)
        #expect(again.place == 1 && !again.raised)
        #expect(queue.hands.count == 2)
        let lowered = queue.lower(UserID(1))
        let loweredAgain = queue.lower(UserID(1))
        #expect(lowered && !loweredAgain)
    }

    @Test("presence is announced only when the person's presence changes, not a tab's")
    func presence() {
        #expect(Presence.change(wasPresent: false, isPresent: true) == .joined)
        #expect(Presence.change(wasPresent: true, isPresent: false) == .left)
        #expect(Presence.change(wasPresent: true, isPresent: true) == nil)
        #expect(Presence.change(wasPresent: false, isPresent: false) == nil)
    }

    @Test("a reaction on a post: set to `on` (nothing when it is so already), or toggled without it")
    func reactions() {
        #expect(PostRules.reaction(has: false, on: true) == true)
        #expect(PostRules.reaction(has: true, on: false) == false)
        #expect(PostRules.reaction(has: true, on: true) == nil)
        #expect(PostRules.reaction(has: false, on: false) == nil)
        #expect(PostRules.reaction(has: false, on: nil) == true)
        #expect(PostRules.reaction(has: true, on: nil) == false)
    }
}
