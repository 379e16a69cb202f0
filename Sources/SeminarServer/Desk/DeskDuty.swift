import Foundation
import Logging
import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarRealtime
import SeminarStore

/// The desk's live side: who is on duty, queue positions pushed to the people waiting, and tickets sent back to
/// the queue when their agent has been gone for `deskRequeueSeconds` (also after a restart).
struct DeskDuty: Sendable {
    let services: Services

    /// Agents (and organisers) watching the queue now on any node, each counted once however many tabs they have.
    var agentsOnDuty: Int {
        services.here.count(Topic.desk.description)
    }

    /// Sends each waiting person their place and expected wait (ephemeral `desk.position`).
    func publishPositions() async {
        do {
            for position in try await services.database.waitingPositions(agents: max(agentsOnDuty, 1)) {
                let topic = Topic.user(position.asker).description
                let frame = Outgoing.event(topic: topic, seq: nil, type: .deskPosition, at: services.clock(),
                                           dataJSON: try Outgoing.json(DeskPositionEvent(position)))
                services.ephemeral.publish(topic: topic, frame: frame)
            }
        } catch {
            services.logger.error("desk positions failed", metadata: ["error": "\(error)"])
        }
    }

    /// Called when a desk worker's socket closes: after the grace time, if they have no socket left, their
    /// claimed tickets go back to the queue.
    func workerLeft(_ user: UserID) {
        Task { await requeue(agent: user) }
    }

    /// After a restart nobody is connected: every claimed ticket whose agent does not come back in time is requeued.
    func requeueAfterRestart() {
        Task { await requeue(agent: nil) }
    }

    private func requeue(agent: UserID?) async {
        do {
            guard try await !services.database.claimedTickets(agent: agent).isEmpty else { return }
            try await Task.sleep(for: .seconds(services.settings.deskRequeueSeconds))
            var moved = 0
            for (ticket, holder) in try await services.database.claimedTickets(agent: agent) {
                // An agent who came back in time keeps their tickets.
                if services.here.isOnline(holder) { continue }
                // A ticket resolved or released meanwhile is a conflict: nothing to do for it.
                if (try? await services.database.moveTicket(ticket, .release, by: nil, agents: max(agentsOnDuty, 1), now: services.clock())) != nil {
                    moved += 1
                }
            }
            if moved > 0 {
                services.logger.info("desk tickets requeued", metadata: ["count": "\(moved)", "agent": "\(agent?.description ?? "any")"])
                await publishPositions()
            }
        } catch {
            // A node shutting down closes its database under this task: the next start requeues what is left.
            if services.lifecycle.isDraining {
                services.logger.debug("desk requeue ended by shutdown", metadata: ["error": "\(error)"])
            } else {
                services.logger.error("desk requeue failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
