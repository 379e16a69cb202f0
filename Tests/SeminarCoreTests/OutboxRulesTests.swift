import SeminarCore
import Testing

@Suite("what organisers may send again")
struct OutboxRulesTests {
    @Test("only a failed mail whose text is kept is sent again")
    func retry() throws {
        #expect(refusal { try OutboxRules.mayRetry(status: "failed", retryable: true) } == nil)
        #expect(refusal { try OutboxRules.mayRetry(status: "failed", retryable: false) } == .conflict)
        #expect(refusal { try OutboxRules.mayRetry(status: "sent", retryable: false) } == .conflict)
        do {
            try OutboxRules.mayRetry(status: "failed", retryable: false)
        } catch {
            #expect(error.message.contains("resend the invitation"))
        }
    }

    @Test("an invitation goes again only to a person who never signed in")
    func resend() {
        #expect(refusal { try OutboxRules.mayResendInvitation(to: "ana@x.org", neverSignedIn: true) } == nil)
        #expect(refusal { try OutboxRules.mayResendInvitation(to: "ana@x.org", neverSignedIn: false) } == .conflict)
    }
}
