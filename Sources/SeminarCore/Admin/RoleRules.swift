/// The organiser's `role.set`: which role changes may be made.
public enum RoleRules {
    /// Giving `person` the role `role` (with `withRoom`: and the hosting of a room's session), by the organiser
    /// `actor`: an organiser cannot take away their own role (the seminar must keep one), and a room goes with the
    /// host role (or the organiser's, who hosts everywhere).
    public static func maySet(_ role: Role, of person: UserID, withRoom: Bool, by actor: UserID) throws(DomainError) {
        if person == actor, role != .organiser { throw DomainError(.forbidden, "You cannot take away your own organiser role") }
        if withRoom, role != .host, role != .organiser { throw .invalid("roomId", "a room goes with the host role") }
    }

    /// Taking a room's session away from a person who hosts it (a host may host several; each is taken away alone).
    public static func mayStopHosting(isHosting: Bool) throws(DomainError) {
        guard isHosting else { throw DomainError(.notFound, "This person does not host that room", field: "roomId") }
    }
}
