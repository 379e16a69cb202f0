/// What kind of answers a poll takes.
public enum PollKind: String, Sendable, Codable {
    /// One option each.
    case choice
    /// Up to three words each, shown as a word cloud.
    case words
}

/// A validated new poll.
public struct NewPoll: Sendable, Equatable {
    public let question: String
    public let options: [String]
    public let kind: PollKind

    public init(question: String?, options: [String]?, kind: String?) throws(DomainError) {
        self.question = try Validate.text(question, field: "question", max: 300)
        guard let kind = PollKind(rawValue: kind ?? "choice") else { throw .invalid("kind", "kind must be choice or words") }
        self.kind = kind
        var cleaned: [String] = []
        for (index, option) in (options ?? []).enumerated() {
            cleaned.append(try Validate.text(option, field: "options[\(index)]", max: TextLimits.name))
        }
        if kind == .choice {
            guard (2...10).contains(cleaned.count) else { throw .invalid("options", "a poll has 2 to 10 options") }
            guard Set(cleaned.map { $0.lowercased() }).count == cleaned.count else { throw .invalid("options", "options must differ") }
        } else {
            guard cleaned.isEmpty else { throw .invalid("options", "a words poll has no options") }
        }
        self.options = cleaned
    }
}

/// A person's answer to a poll, checked against it.
public enum PollAnswer: Sendable, Equatable {
    case option(Int)
    case words([String])

    public static let maxWords = 3
    public static let wordLength = 40

    public init(option: Int?, words: [String]?, kind: PollKind, optionCount: Int, closed: Bool) throws(DomainError) {
        if closed { throw DomainError(.conflict, "This poll is closed") }
        switch kind {
        case .choice:
            guard let option, (0..<optionCount).contains(option) else {
                throw .invalid("option", "option must be an index from 0 to \(optionCount - 1)")
            }
            self = .option(option)
        case .words:
            let cleaned = (words ?? []).map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
            guard (1...Self.maxWords).contains(cleaned.count) else { throw .invalid("words", "send 1 to \(Self.maxWords) words") }
            guard cleaned.allSatisfy({ $0.count <= Self.wordLength }) else {
                throw .invalid("words", "a word is at most \(Self.wordLength) characters")
            }
            var seen = Set<String>()
            self = .words(cleaned.filter { seen.insert($0).inserted })
        }
    }
}

/// Questions sorted for the room: most votes first, then oldest first.
public enum QuestionOrder {
    public static func sorted<T>(_ items: [T], votes: (T) -> Int, at: (T) -> Int64) -> [T] {
        items.sorted { lhs, rhs in
            votes(lhs) != votes(rhs) ? votes(lhs) > votes(rhs) : at(lhs) < at(rhs)
        }
    }
}
