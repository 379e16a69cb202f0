import SeminarServer
import Testing

@Suite("TURN password (coturn use-auth-secret)")
struct TurnPasswordTests {
    /// Vectors made with Python: base64.b64encode(hmac.new(secret, username, hashlib.sha1).digest()).
    @Test("base64(HMAC-SHA1(secret, username)), as coturn computes it", arguments: [
        ("seminar-turn-secret", "1767225600:42", "2DH2dzKtuTYNlEpOH9ayEU8K1qQ="),
        ("north-wind", "1700000000:7", "OkLqTebe7cKxH8+DpLtbQ8L+7rE="),
    ])
    func knownVector(secret: String, username: String, password: String) {
        #expect(TurnPassword.make(username: username, secret: secret) == password)
    }
}
