/// Who runs a room and edits its session's page: organisers everywhere; a host in the sessions they are given and
/// their rooms (a breakout: its parent room's session). The Store only says whether the person is among the
/// session's hosts.
public enum RoomHosting {
    /// The refusal of a host's act to anyone else.
    public static let refusal = DomainError(.forbidden, "Only this room's hosts and organisers can do this")

    /// Whether a person of `role` runs the room; `hostsSession` (asked only when it matters) says whether they are
    /// among the hosts of the room's session.
    public static func isHost(role: Role, hostsSession: () throws -> Bool) rethrows -> Bool {
        role == .organiser ? true : try hostsSession()
    }

    /// A host's act: refused to anyone who does not run the room.
    public static func require(isHost: Bool) throws(DomainError) {
        guard isHost else { throw refusal }
    }

    /// Editing a session's page: whoever runs it.
    public static func mayEditSession(isHost: Bool) throws(DomainError) {
        guard isHost else { throw DomainError(.forbidden, "Only this session's hosts and organisers can edit it") }
    }

    /// Lowering a raised hand: your own, or anyone's for whoever runs the room.
    public static func mayLowerHand(of target: UserID, by user: UserID, isHost: Bool) throws(DomainError) {
        guard target == user || isHost else { throw DomainError(.forbidden, "Only hosts can lower someone else's hand") }
    }

    /// Giving the floor to a raised hand: whoever runs the room.
    public static func mayGrantHand(isHost: Bool) throws(DomainError) {
        guard isHost else { throw DomainError(.forbidden, "Only this room's hosts and organisers can give the floor") }
    }

    /// Deleting a chat message: its author, or whoever runs the room.
    public static func mayDelete(messageBy author: UserID, by user: UserID, isHost: Bool) throws(DomainError) {
        guard author == user || isHost else { throw DomainError(.forbidden, "Only the author or a host can delete a message") }
    }
}
