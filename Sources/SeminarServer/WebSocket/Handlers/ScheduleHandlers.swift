import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore
import Synchronization

struct SchedulePreviewRequest: Codable, Sendable {
    let slots: [SlotID]?
    let maxPerPerson: Int?
    let participantIds: [Int64]?
}

struct SchedulePublishRequest: Codable, Sendable {
    let planId: String?
}

struct PlannedMeetingView: Encodable, Sendable {
    let a: AuthorView
    let b: AuthorView
    let slot: Int64
    let score: Double
    let requested: Bool
    /// The sessions one of the two bookmarked that this meeting's slot overlaps (only a request is put there, when
    /// no other slot was left); empty for most.
    let clashes: [ClashView]
}

/// A bookmarked session a planned meeting clashes with: whose bookmark, and the session's title in the reader's language.
struct ClashView: Encodable, Sendable {
    let person: AuthorView
    let sessionId: Int64
    let title: String
}

struct UnmetView: Encodable, Sendable {
    let a: AuthorView
    let b: AuthorView
    /// Stable, for clients to translate (Scheduler.UnmetReason's raw value).
    let code: String
    /// The English sentence, kept for clients that predate `code`.
    let reason: String
}

struct PreviewReply: Encodable, Sendable {
    let planId: String
    let meetings: [PlannedMeetingView]
    let total: Double
    let upperBound: Double
    let people: Int
    let peopleMet: Int
    let unmet: [UnmetView]
    /// How many meetings clash with a session one of their people bookmarked.
    let clashing: Int
}

/// Previewed plans, kept in memory for an hour until an organiser publishes one.
final class PlanStore: Sendable {
    private let plans = Mutex<[String: (created: Date, meetings: [PlannedMeeting])]>([:])

    func keep(_ meetings: [PlannedMeeting]) -> String {
        let id = UUID().uuidString.lowercased()
        plans.withLock { plans in
            plans = plans.filter { $0.value.created.timeIntervalSinceNow > -3600 }
            plans[id] = (Date(), meetings)
        }
        return id
    }

    func take(_ id: String) -> [PlannedMeeting]? {
        plans.withLock { $0.removeValue(forKey: id)?.meetings }
    }

    /// Gives back a plan whose publishing failed: it was not published, so it may be published again.
    func putBack(_ id: String, _ meetings: [PlannedMeeting]) {
        plans.withLock { $0[id] = (Date(), meetings) }
    }
}

/// `schedule.preview` (the organiser's bulk plan) and `schedule.publish`.
struct ScheduleHandlers {
    let services: Services

    func preview(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let language = try session.requireUser().locale
        let p = try info.request.payload(SchedulePreviewRequest.self)
        guard let maxPerPerson = p.maxPerPerson, (1...32).contains(maxPerPerson) else {
            throw DomainError.invalid("maxPerPerson", "maxPerPerson must be 1 to 32")
        }
        let input = try await services.database.scheduleInput(slots: p.slots ?? [], maxPerPerson: maxPerPerson, only: p.participantIds.map(Set.init))
        let plan = Scheduler.plan(input.problem)
        let person = { (index: Int) in AuthorView(id: input.users[index].rawValue, displayName: input.names[index]) }
        let planned = plan.placements.map { PlannedMeeting(a: input.users[$0.pair.a].rawValue, b: input.users[$0.pair.b].rawValue,
                                                           slot: input.slots[$0.slot].id, score: $0.pair.score) }
        let planID = services.plans.keep(planned)
        let clashes = { (placement: Scheduler.Placement) -> [ClashView] in
            guard placement.clashes else { return [] }
            return [placement.pair.a, placement.pair.b].flatMap { index in
                BookmarkClash.clashing(input.slots[placement.slot], input.bookmarks[index]).map { bookmarked in
                    ClashView(person: person(index), sessionId: bookmarked.id.rawValue,
                              title: input.sessionTitles[bookmarked.id]?.resolved(language)?.text ?? "")
                }
            }
        }
        return .reply(PreviewReply(
            planId: planID,
            meetings: plan.placements.map { PlannedMeetingView(a: person($0.pair.a), b: person($0.pair.b), slot: input.slots[$0.slot].id.rawValue,
                                                               score: $0.pair.score, requested: $0.pair.requested > 0, clashes: clashes($0)) },
            total: plan.total, upperBound: plan.upperBound, people: input.users.count,
            peopleMet: Set(plan.placements.flatMap { [$0.pair.a, $0.pair.b] }).count,
            unmet: plan.unmet.map { UnmetView(a: person($0.pair.a), b: person($0.pair.b), code: $0.reason.rawValue, reason: $0.reason.text) },
            clashing: plan.clashes.count))
    }

    func publish(_ info: RequestInfo) async throws -> Outcome {
        guard let id = try info.request.payload(SchedulePublishRequest.self).planId, let meetings = services.plans.take(id) else {
            throw DomainError(.notFound, "No such plan (plans are kept for an hour and published once)", field: "planId")
        }
        // Taken first so that two publishes of one plan cannot both book it; given back if this one books nothing.
        do {
            let (created, skipped) = try await services.database.publishPlan(meetings, now: services.clock(),
                                                                             notify: MailComposers.plan(links: services.mailLinks))
            return .reply(["created": created, "skipped": skipped])
        } catch {
            services.plans.putBack(id, meetings)
            throw error
        }
    }
}
