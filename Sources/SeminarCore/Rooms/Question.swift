/// A question asked in a room, as one person sees it (`voted`: whether they voted for it).
public struct Question: Sendable, Equatable {
    public let id: QuestionID
    public let author: Author
    public let text: String
    public let votes: Int
    public let voted: Bool
    public let answered: Bool
    public let hidden: Bool
    public let at: Timestamp

    public init(id: QuestionID, author: Author, text: String, votes: Int, voted: Bool, answered: Bool, hidden: Bool, at: Timestamp) {
        self.id = id
        self.author = author
        self.text = text
        self.votes = votes
        self.voted = voted
        self.answered = answered
        self.hidden = hidden
        self.at = at
    }
}
