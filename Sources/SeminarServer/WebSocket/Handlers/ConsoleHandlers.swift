import Foundation
import SeminarCore
import SeminarProtocol
import SeminarStore

/// The organiser console over the socket: roles, the people list, the dashboard's figures, the audit log.
struct ConsoleHandlers {
    let services: Services

    func setRole(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let actor = try session.requireUser()
        let p = try info.request.payload(RoleSetRequest.self)
        guard let userId = p.userId else { throw DomainError.invalid("userId", "userId is required") }
        guard let role = p.role.flatMap(Role.init(rawValue:)) else {
            throw DomainError.invalid("role", "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let view = try await services.database.setRole(of: userId, to: role, roomId: p.roomId, by: actor, now: services.clock())
        // Their open sockets take the new role at once, and end what it may no longer follow.
        try await RoleChange(services: services).apply(to: UserID(userId))
        session.logger.info("role set", metadata: ["target": "\(userId)", "role": "\(role.rawValue)"])
        return .reply(RoleSetReply(user: RoleView(view), roomId: p.roomId?.rawValue))
    }

    func removeHosting(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let p = try info.request.payload(HostingRemoveRequest.self)
        guard let userId = p.userId else { throw DomainError.invalid("userId", "userId is required") }
        guard let roomId = p.roomId else { throw DomainError.invalid("roomId", "roomId is required") }
        try await services.database.removeHost(user: userId, room: roomId, now: services.clock())
        // Their open sockets leave what only a host of that room may follow.
        try await RoleChange(services: services).apply(to: UserID(userId))
        session.logger.info("hosting removed", metadata: ["target": "\(userId)", "room": "\(roomId)"])
        return .reply(HostingChangedEvent(roomId: roomId.rawValue, hosting: false))
    }

    func people(_ info: RequestInfo) async throws -> Outcome {
        let p = try info.request.payload(PeopleListRequest.self)
        var role: Role?
        if let name = p.role, !name.isEmpty {
            guard let parsed = Role(rawValue: name) else { throw DomainError.invalid("role", "unknown role") }
            role = parsed
        }
        let limit = p.limit ?? 50
        guard (1...200).contains(limit) else { throw DomainError.invalid("limit", "limit must be 1 to 200") }
        return .reply(PeopleListReply(try await services.database.peopleList(query: p.q.map { String($0.prefix(120)) }, role: role, before: p.before,
                                                                             limit: limit)))
    }

    func stats() async throws -> Outcome {
        let now = services.clock()
        let zone = try await services.database.seminarInfo()?.timeZone ?? "UTC"
        let figures = try await services.database.adminFigures(dayStart: DeskHandlers.dayStart(now, timeZone: zone), now: now)
        let rooms = services.rooms
        return .reply(AdminStatsReply(figures, onlineNow: services.here.onlineCount) { rooms.present($0) })
    }

    func audit(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let reader = try session.requireUser()
        let p = try info.request.payload(AuditListRequest.self)
        let limit = p.limit ?? 50
        guard (1...200).contains(limit) else { throw DomainError.invalid("limit", "limit must be 1 to 200") }
        return .reply(AuditListReply(try await services.database.auditPage(before: p.before, limit: limit, language: reader.locale)))
    }
}
