/// What a use case created: the new thing's id and the `seq` of the event that tells of it in its topic. Codable: an
/// idempotency key keeps it (as `{"id","seq"}`, what it kept before) to give a retry the same answer.
public struct Created: Sendable, Equatable, Codable {
    public let id: Int64
    public let seq: Int64

    public init(id: Int64, seq: Int64) {
        self.id = id
        self.seq = seq
    }
}
