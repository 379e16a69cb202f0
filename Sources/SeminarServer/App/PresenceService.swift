import Logging
import NIOCore
import SeminarCore
import SeminarPostgres
import SeminarProtocol
import ServiceLifecycle

/// A cluster node's side of presence across nodes: once a second it writes its people and reads the others'
/// (``ClusterPresence``), then tells its own sockets what changed elsewhere — a room's count, the desk's places —
/// and, for a node gone (killed, or silent for `liveFor`), that its people left the lounge, and that the desk tickets
/// its agents held go back to the queue if they do not come back in time. At shutdown the node's rows go at once.
struct PresenceService: Service {
    let presence: ClusterPresence
    let services: Services
    var interval: Duration = .seconds(1)

    func run() async throws {
        let here = services.here
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let change = try await presence.sync(local: here.local())
                if !change.isEmpty { await tell(change) }
            } catch {
                services.logger.warning("cluster presence sync failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
        await presence.leave()
    }

    private func tell(_ change: ClusterPresence.Change) async {
        services.here.othersChanged(change.topics)
        for topic in change.topics {
            if case .room(let room)? = Topic(topic) { services.rooms.presenceChanged(room: room) }
        }
        let duty = DeskDuty(services: services)
        if change.topics.contains(Topic.desk.description) { await duty.publishPositions() }
        for (node, people) in change.gone {
            services.logger.info("cluster node gone", metadata: ["node": "\(node)", "people": "\(people[ClusterPresence.online]?.count ?? 0)"])
            await lounge(left: people[Topic.lounge.description] ?? [])
        }
        if !change.gone.isEmpty { duty.requeueAfterRestart() }
    }

    /// People of a node gone who are in the lounge nowhere else now: the lounge here is told they left (each node tells
    /// its own sockets, so this is not relayed), never to the people blocked either way.
    private func lounge(left people: Set<UserID>) async {
        let topic = Topic.lounge.description
        for user in people where !services.here.isIn(topic, user: user) {
            guard let hidden = try? await services.database.blockedAround(user).union([user]),
                  let frame = try? Outgoing.event(topic: topic, seq: nil, type: .loungeLeft, at: services.clock(),
                                                  dataJSON: Outgoing.json(["userId": user.rawValue])) else { continue }
            services.hub.publish(topic: topic, frame: ByteBuffer(string: frame), skipping: hidden)
        }
    }
}
