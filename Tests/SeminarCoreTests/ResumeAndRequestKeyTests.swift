import Foundation
import SeminarCore
import Testing

/// Resuming a topic, and idempotency keys: what the event log decides on what it has kept.
struct ResumeAndRequestKeyTests {
    @Test func aResumeReplaysOnlyWhatIsStillKept() {
        #expect(refusal { try Resume.check(since: 3, prunedThrough: 3, latest: 9) } == nil)
        #expect(refusal { try Resume.check(since: 9, prunedThrough: 3, latest: 9) } == nil)
        #expect(refusal { try Resume.check(since: 0, prunedThrough: 0, latest: 0) } == nil)
        #expect(refusal { try Resume.check(since: 2, prunedThrough: 3, latest: 9) } == .conflict)
        #expect(refusal { try Resume.check(since: 10, prunedThrough: 3, latest: 9) } == .conflict)
        #expect(refusal { try Resume.check(since: -1, prunedThrough: 0, latest: 9) } == .conflict)
    }

    @Test func aKeyIsShortAndReplaysTheSameTypeOnly() {
        #expect(refusal { try RequestKey.check("abc") } == nil)
        #expect(refusal { try RequestKey.check(String(repeating: "k", count: 128)) } == nil)
        #expect(refusal { try RequestKey.check("") } == .invalid)
        #expect(refusal { try RequestKey.check(String(repeating: "k", count: 129)) } == .invalid)
        #expect(refusal { try RequestKey.mayReplay(storedType: "chat.send", type: "chat.send") } == nil)
        #expect(refusal { try RequestKey.mayReplay(storedType: "chat.send", type: "dm.send") } == .conflict)
    }

    @Test func aKeptReplyReadsAsCreatedInItsOldFormToo() throws {
        let now = try JSONDecoder().decode(Created.self, from: Data(#"{"id":7,"seq":3}"#.utf8))
        let before = try JSONDecoder().decode(Created.self, from: Data(#"{"messageId":7,"seq":3}"#.utf8)) // chat.send's, kept before
        #expect(now == Created(id: 7, seq: 3) && before == now)
        #expect(String(decoding: try JSONEncoder().encode(now), as: UTF8.self).contains(#""id":7"#))
    }
}
