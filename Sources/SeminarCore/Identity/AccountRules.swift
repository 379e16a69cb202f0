/// Opening an account.
public enum AccountRules {
    /// One account per email address.
    public static func mayCreate(emailTaken: Bool) throws(DomainError) {
        guard !emailTaken else { throw DomainError(.conflict, "An account with this email exists", field: "email") }
    }
}
