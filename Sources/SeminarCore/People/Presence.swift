/// Whether a move in or out of a place (the lounge) changes what the others see: a person is there while any of their
/// sockets is. A second tab coming in, or one of two leaving, changes nothing and is not announced.
public enum Presence {
    public enum Change: Sendable, Equatable {
        case joined, left
    }

    /// The change to announce, or nil when the others see no difference.
    public static func change(wasPresent: Bool, isPresent: Bool) -> Change? {
        switch (wasPresent, isPresent) {
        case (false, true): .joined
        case (true, false): .left
        default: nil
        }
    }
}
