/// What organisers may do again with mail already queued: send a failed mail again, mail a new invitation.
public enum OutboxRules {
    /// A mail is sent again only when it failed and its text is kept (an invitation's is wiped when it fails: it carried
    /// a one-time link).
    public static func mayRetry(status: String, retryable: Bool) throws(DomainError) {
        guard !retryable else { return }
        throw DomainError(.conflict, status == "failed"
                          ? "This mail carried a one-time link, wiped when it failed: resend the invitation instead"
                          : "Only a failed mail can be sent again", field: "id")
    }

    /// A new invitation goes only to a person who never signed in: one who did has their own way in ("Forgot your
    /// password?"), and a link would be a second one.
    public static func mayResendInvitation(to email: String, neverSignedIn: Bool) throws(DomainError) {
        guard !neverSignedIn else { return }
        throw DomainError(.conflict, "\(email) has already signed in: they can ask for a password with “Forgot your password?”", field: "userId")
    }
}
