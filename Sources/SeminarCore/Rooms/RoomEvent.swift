/// What happens in a room — its state, its chat, questions and polls, its breakout groups — told on the room's topic
/// (and, for some, on the seminar's or a person's own).
public enum RoomEvent: Sendable, Equatable {
    /// The room opened, went live, ended… (`sessionId`: the session it belongs to, none for a group's room).
    case stateChanged(roomId: RoomID, sessionId: SessionID?, state: RoomState)
    /// A person is in this group (told on their own topic).
    case breakoutAssigned(BreakoutGroup)
    /// The host split the room into `groups` groups, until `endsAt`.
    case breakoutsStarted(groups: Int, endsAt: Timestamp)
    /// The groups of `parentRoomId` ended: everyone goes back (told on the main room's topic and each member's).
    case breakoutsEnded(parentRoomId: RoomID)
    /// A host changed the room's settings (lock, capacity, a stream, the pinned message).
    case updated(Room)
    /// A host muted `userId` until `until` (nil: no longer muted).
    case muted(userId: Int64, until: Timestamp?)
    /// A host removed `userId` from the room.
    case removed(userId: Int64)
    case chatMessage(ChatMessage)
    /// A message deleted by its author or a host.
    case chatDeleted(id: ChatMessageID)
    case questionAsked(Question)
    case questionVoted(id: QuestionID, votes: Int)
    case questionAnswered(id: QuestionID)
    case questionHidden(id: QuestionID)
    /// A new poll, as everyone sees it (no one's own answer).
    case pollCreated(PollTally)
    /// A poll's counts and word cloud after an answer.
    case pollResults(PollTally)
    case pollClosed(id: PollID)
}
