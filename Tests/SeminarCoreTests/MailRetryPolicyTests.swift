import SeminarCore
import Testing

@Suite("mail retry rule")
struct MailRetryPolicyTests {
    let now = Timestamp(seconds: 1_000_000)

    @Test("back-off doubles from the first delay and stops at the cap")
    func backOff() {
        let policy = MailRetryPolicy(firstDelaySeconds: 60, maxDelaySeconds: 3600, maxAttempts: 20)
        #expect((1...8).map { policy.delay(afterAttempt: $0) } == [60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(policy.afterFailure(attempts: 1, permanent: false, now: now) == .retry(at: now.adding(seconds: 60)))
        #expect(policy.afterFailure(attempts: 3, permanent: false, now: now) == .retry(at: now.adding(seconds: 240)))
    }

    @Test("a permanent failure ends at once; a transient one after the last attempt")
    func endings() {
        let policy = MailRetryPolicy(firstDelaySeconds: 1, maxAttempts: 3)
        #expect(policy.afterFailure(attempts: 1, permanent: true, now: now) == .fail)
        #expect(policy.afterFailure(attempts: 2, permanent: false, now: now) == .retry(at: now.adding(seconds: 2)))
        #expect(policy.afterFailure(attempts: 3, permanent: false, now: now) == .fail)
    }
}
