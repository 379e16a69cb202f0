import NIOCore
import SeminarCore
import SeminarRealtime
import SeminarStore

/// Sends an ephemeral event (typing, presence, hands, queue places, a meeting's WebRTC signals: not in the log) to a
/// topic's subscribers on this node and, through the feed, on the other nodes of a cluster.
struct Ephemeral: Sendable {
    let hub: Hub
    let feed: any TopicFeed

    func publish(topic: String, frame: String, skipping: Set<UserID> = []) {
        Self.deliver(to: hub)(topic, frame, skipping)
        feed.relay(topic: topic, frame: frame, skipping: skipping)
    }

    /// Where another node's ephemeral events go here: this node's subscribers of the topic.
    static func deliver(to hub: Hub) -> @Sendable (String, String, Set<UserID>) -> Void {
        { topic, frame, skipping in
            if skipping.isEmpty {
                hub.publish(topic: topic, seq: nil, frame: ByteBuffer(string: frame))
            } else {
                hub.publish(topic: topic, frame: ByteBuffer(string: frame), skipping: skipping)
            }
        }
    }
}
