import Synchronization

/// Where this node is in its life, for `/healthz`: serving, or draining after SIGTERM (a load balancer's health
/// checks then take it out of rotation while the people already on it keep being served for `drainSeconds`).
final class NodeLifecycle: Sendable {
    private let draining = Atomic<Bool>(false)

    var isDraining: Bool { draining.load(ordering: .relaxed) }

    func startDraining() { draining.store(true, ordering: .relaxed) }
}
