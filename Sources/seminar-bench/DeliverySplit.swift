/// A cluster flood's delivery times split by where the talker and the listener were: on the same node, or on two
/// nodes (the message crossed PostgreSQL's NOTIFY and the other node's read of the log). One run's two numbers are
/// the cross-node overhead.
struct DeliverySplit: Sendable {
    let sameNode = Samples()
    let crossNode = Samples()

    func add(_ milliseconds: Double, sameNode same: Bool) {
        (same ? sameNode : crossNode).add(milliseconds)
    }
}
