/// What a use case created: the new thing's id and the `seq` of the event that tells of it in its topic. Codable: an
/// idempotency key keeps it (as `{"id","seq"}`) to give a retry the same answer; a chat message's key kept before
/// the chat's events moved to Core reads as `{"messageId","seq"}`, and still replays.
public struct Created: Sendable, Equatable, Codable {
    public let id: Int64
    public let seq: Int64

    public init(id: Int64, seq: Int64) {
        self.id = id
        self.seq = seq
    }

    private enum CodingKeys: String, CodingKey {
        case id, seq, messageId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int64.self, forKey: .id) ?? container.decode(Int64.self, forKey: .messageId)
        seq = try container.decode(Int64.self, forKey: .seq)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(seq, forKey: .seq)
    }
}
