import SeminarCore

/// How a node hears the committed events of the topics its subscribers follow. The embedded store hears every commit
/// (one process, one writer), so following is nothing; a cluster node's feed (the PostgreSQL store's `ClusterBus`)
/// follows a topic from the seq its new subscriber read, and brings that topic's events from every node after it.
public protocol TopicFeed: Sendable {
    /// A subscriber of this node has `topic` up to `seq`: deliver what comes after it (a topic already followed keeps
    /// its place).
    func follow(_ topic: Topic, after seq: Int64)
    /// Follows `topic` from its newest event on, for a subscriber that takes no replay (the lounge).
    func followFromHead(_ topic: Topic) async throws
    /// Passes an ephemeral event's frame (not in the log) to the subscribers of `topic` on the other nodes, but not to
    /// `skipping`; this node's own subscribers get it from the caller.
    func relay(topic: String, frame: String, skipping: Set<UserID>)
}

/// The embedded store's feed: every commit is this process's own and reaches the sink already.
public struct LocalTopicFeed: TopicFeed {
    public init() {}
    public func follow(_ topic: Topic, after seq: Int64) {}
    public func followFromHead(_ topic: Topic) async throws {}
    public func relay(topic: String, frame: String, skipping: Set<UserID>) {}
}
