/// A poll as it stands: its question and options, each option's count, the word cloud, and the viewer's own answer
/// (none when it is told to everyone).
public struct PollTally: Sendable, Equatable {
    public let id: PollID
    public let question: String
    public let kind: PollKind
    public let options: [String]
    public let counts: [Int]
    /// The most given words first (then alphabetical), 100 at most.
    public let words: [WordTally]
    public let closed: Bool
    public let yourVote: Int?
    public let yourWords: [String]

    public init(id: PollID, question: String, kind: PollKind, options: [String], counts: [Int], words: [WordTally], closed: Bool,
                yourVote: Int?, yourWords: [String]) {
        self.id = id
        self.question = question
        self.kind = kind
        self.options = options
        self.counts = counts
        self.words = words
        self.closed = closed
        self.yourVote = yourVote
        self.yourWords = yourWords
    }

    /// Each answer with how many gave it: the words of a words poll (most given first), else the options in order.
    public var answers: [(answer: String, count: Int)] {
        kind == .words ? words.map { ($0.word, $0.count) } : zip(options, counts).map { ($0, $1) }
    }
}

/// A word of a words poll and how many people gave it.
public struct WordTally: Sendable, Equatable {
    public let word: String
    public let count: Int

    public init(word: String, count: Int) {
        self.word = word
        self.count = count
    }
}

extension WordTally {
    /// A words poll's cloud from each word's count: the most given first (then alphabetical), 100 at most.
    public static func cloud(_ counts: [String: Int]) -> [WordTally] {
        Array(counts.map { WordTally(word: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.word < $1.word }
            .prefix(100))
    }
}
