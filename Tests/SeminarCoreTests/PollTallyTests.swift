import SeminarCore
import Testing

@Suite("a poll's answers, as the exports list them")
struct PollTallyTests {
    @Test("a choice poll: its options in order with their counts; a words poll: its words, most given first")
    func answers() {
        let choice = PollTally(id: PollID(1), question: "Which?", kind: .choice, options: ["A", "B"], counts: [0, 3], words: [], closed: false,
                               yourVote: nil, yourWords: [])
        #expect(choice.answers.map(\.answer) == ["A", "B"] && choice.answers.map(\.count) == [0, 3])
        let words = PollTally(id: PollID(2), question: "One word?", kind: .words, options: [], counts: [],
                              words: WordTally.cloud(["water": 1, "air": 4]), closed: true, yourVote: nil, yourWords: [])
        #expect(words.answers.map(\.answer) == ["air", "water"] && words.answers.map(\.count) == [4, 1])
    }
}
