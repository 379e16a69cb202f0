public struct SubscribeRequest: Codable, Sendable {
    public let topic: String?
    public let since: Int64?
    public init(topic: String?, since: Int64?) {
        self.topic = topic
        self.since = since
    }
}

public struct SubscribeReply<Snapshot: Encodable & Sendable>: Encodable, Sendable {
    public let topic: String
    /// The topic's latest committed seq when the snapshot was taken.
    public let seq: Int64
    public let snapshot: Snapshot

    public init(topic: String, seq: Int64, snapshot: Snapshot) {
        self.topic = topic
        self.seq = seq
        self.snapshot = snapshot
    }
}

public struct UnsubscribeRequest: Codable, Sendable {
    public let topic: String?
}
