import SeminarCore
import SeminarStore

/// Creating an account, the one use case behind sign-up and `seminar user add`: the fields checked by the same rules
/// (``Validate``), the password hashed with the configured cost, the account stored.
struct AccountCreation {
    let database: any ServerStore
    let passwords: Passwords
    let clock: @Sendable () -> Timestamp

    /// The account as created; `invalid` (naming the field) for a bad email, password or name, `conflict` for a taken email.
    func create(email: String?, password: String?, displayName: String?, locale: String?, role: Role) async throws -> UserRecord {
        let email = try Validate.email(email)
        let password = try Validate.password(password)
        let name = try Validate.displayName(displayName)
        let hash = try await passwords.hash(password)
        return try await database.createUser(email: email, passwordHash: hash, displayName: name, locale: Language.best(for: locale),
                                             role: role, now: clock())
    }
}
