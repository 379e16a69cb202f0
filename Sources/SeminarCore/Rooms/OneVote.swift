/// One answer per person: a poll is answered once, a question voted for once.
public enum OneVote {
    public static func poll(alreadyAnswered: Bool) throws(DomainError) {
        guard !alreadyAnswered else { throw DomainError(.conflict, "You already answered this poll", field: "pollId") }
    }

    public static func question(alreadyVoted: Bool) throws(DomainError) {
        guard !alreadyVoted else { throw DomainError(.conflict, "You already voted for this question", field: "questionId") }
    }
}
