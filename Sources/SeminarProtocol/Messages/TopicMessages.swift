/// `subscribe`: follow a topic (`seminar`, `lounge`, `desk`, `feed`, `room:<id>`, `user:<id>`).
public struct SubscribeRequest: Codable, Sendable {
    /// The topic's name (required).
    public let topic: String?
    /// The last seq the client has; events after it are replayed. Absent: only events after the snapshot.
    public let since: Int64?
    /// Memberwise.
    public init(topic: String?, since: Int64?) {
        self.topic = topic
        self.since = since
    }
}

/// The reply to `room.enter` and `lounge.enter` (`subscribe` answers the same shape): the topic's state; its events follow.
public struct SubscribeReply<Snapshot: Encodable & Sendable>: Encodable, Sendable {
    /// The topic's name.
    public let topic: String
    /// The topic's latest committed seq when the snapshot was taken.
    public let seq: Int64
    /// What the topic holds now (`{}` for a topic without a snapshot of its own).
    public let snapshot: Snapshot

    /// Memberwise.
    public init(topic: String, seq: Int64, snapshot: Snapshot) {
        self.topic = topic
        self.seq = seq
        self.snapshot = snapshot
    }
}

/// `unsubscribe`: stop following a topic.
public struct UnsubscribeRequest: Codable, Sendable {
    /// The topic's name (required).
    public let topic: String?
}
