/// A request's idempotency key (`key` in the envelope): a retry with the same key gets the first reply.
public enum RequestKey {
    /// A key is 1 to 128 characters.
    public static func check(_ key: String) throws(DomainError) {
        guard !key.isEmpty, key.count <= 128 else { throw .invalid("key", "key must be 1 to 128 characters") }
    }

    /// A key already used replays only for the same type of request.
    public static func mayReplay(storedType: String, type: String) throws(DomainError) {
        guard storedType == type else { throw DomainError(.conflict, "This key was already used for another request", field: "key") }
    }
}
