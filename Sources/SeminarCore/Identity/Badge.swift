/// The mark shown next to a name where someone speaks, so that a participant who takes a host's name does not pass
/// for the host: names are free text, badges come from the server.
public enum Badge: String, Sendable, Codable, CaseIterable {
    case host
    case organiser
    case agent

    /// In a room (chat, questions): organisers, the hosts of this room's session, and agents. Someone whose role
    /// is host but who hosts another session gets none here.
    public static func inRoom(role: Role, hostsRoom: Bool) -> Badge? {
        if role == .organiser { return .organiser }
        if hostsRoom { return .host }
        return role == .agent ? .agent : nil
    }

    /// Outside rooms (the desk, the hub, direct messages): the person's role.
    public static func of(role: Role) -> Badge? {
        switch role {
        case .participant: nil
        case .host: .host
        case .agent: .agent
        case .organiser: .organiser
        }
    }
}
