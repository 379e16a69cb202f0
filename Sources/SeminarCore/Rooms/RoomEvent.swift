/// What happens in a live room's chat, questions and polls, told on the room's topic.
public enum RoomEvent: Sendable, Equatable {
    case chatMessage(ChatMessage)
    /// A message deleted by its author or a host.
    case chatDeleted(id: Int64)
    case questionAsked(Question)
    case questionVoted(id: Int64, votes: Int)
    case questionAnswered(id: Int64)
    case questionHidden(id: Int64)
    /// A new poll, as everyone sees it (no one's own answer).
    case pollCreated(PollTally)
    /// A poll's counts and word cloud after an answer.
    case pollResults(PollTally)
    case pollClosed(id: Int64)
}
