import SeminarCore
import SeminarProtocol
import SeminarStore

struct BreakoutRequest: Codable, Sendable {
    let roomId: RoomID?
    let size: Int?
    let mode: String?
    let minutes: Int?
}

/// `breakout.start` splits the people in a room into groups with rooms of their own; `breakout.end` brings them back.
struct BreakoutHandlers {
    let services: Services

    func start(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let payload = try info.request.payload(BreakoutRequest.self)
        let id = try roomID(payload.roomId)
        let plan = try BreakoutPlan.validate(size: payload.size, mode: payload.mode, minutes: payload.minutes)
        var seen = Set<UserID>()
        var people: [BreakoutPerson] = []
        for connection in services.hub.subscribers(Topic.room(id).description) {
            guard let member = connection.user, member != user.id, seen.insert(member).inserted,
                  let record = try await services.database.user(id: member) else { continue }
            // Regions arrive with profiles; until then the regions mode mixes at random.
            people.append(BreakoutPerson(user: member, region: "", language: record.locale.rawValue))
        }
        let groups = BreakoutPlan.groups(people, size: plan.size, mode: plan.mode, shuffle: { $0.shuffled() })
        let assignments = try await services.database.startBreakouts(
            parent: id, groups: groups.map { $0.map(\.user) }, minutes: plan.minutes, by: user, now: services.clock())
        return .reply(["rooms": assignments.map(BreakoutAssignment.init)])
    }

    func end(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let id = try roomID(try info.request.payload(RoomRequest.self).roomId)
        let groups = try await services.database.endBreakouts(parent: id, by: user, now: services.clock())
        // The groups' calls end with them, not one person at a time as each goes back.
        await services.stage.end(rooms: groups)
        return .reply(EmptyPayload())
    }
}
