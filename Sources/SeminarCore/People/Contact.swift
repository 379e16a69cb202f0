/// Who may reach whom directly: pure decisions on the two people and whether either has blocked the other.
public enum Contact {
    /// A direct message: never to yourself, nor between people either of whom has blocked the other.
    public static func mayWrite(from sender: UserID, to recipient: UserID, blocked: Bool) throws(DomainError) {
        guard recipient != sender else { throw .invalid("to", "you cannot write to yourself") }
        guard !blocked else { throw DomainError(.forbidden, "You cannot write to this person", field: "to") }
    }

    /// Blocking (or unblocking) someone: anyone but yourself.
    public static func mayBlock(_ blocked: UserID, by blocker: UserID) throws(DomainError) {
        guard blocker != blocked else { throw .invalid("userId", "you cannot block yourself") }
    }
}
