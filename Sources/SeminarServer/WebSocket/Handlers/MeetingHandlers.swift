import NIOCore
import SeminarCore
import SeminarProtocol
import SeminarStore

/// The meeting grid, availability, requests and meetings, and the WebRTC signalling between the two people.
struct MeetingHandlers {
    let services: Services
    var expiry: Int { services.settings.meetingRequestHours }
    /// Meeting notices by mail, queued in each change's transaction.
    var notify: MeetingNotice.Composer { MailComposers.meeting(links: services.mailLinks) }

    func grid(session: SocketSession) async throws -> Outcome {
        .reply(GridReply(slots: try await services.database.grid(for: try session.requireUser().id).map(SlotView.init)))
    }

    func setGrid(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(GridSetRequest.self)
        var slots: [(start: Timestamp, end: Timestamp)] = []
        for (index, slot) in (p.slots ?? []).enumerated() {
            guard let start = slot.startsAt.flatMap(Timestamp.init(iso8601:)), let end = slot.endsAt.flatMap(Timestamp.init(iso8601:)) else {
                throw DomainError.invalid("slots[\(index)]", "startsAt and endsAt are ISO 8601 times")
            }
            slots.append((start, end))
        }
        let tables = try MeetingRules.validateGrid(slots, tables: p.tables)
        try await services.database.addSlots(slots, tables: tables, now: services.clock())
        return .reply(GridReply(slots: try await services.database.grid(for: user.id).map(SlotView.init)))
    }

    func setAvailability(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        try await services.database.setAvailability(user: user.id, slots: try info.request.payload(AvailabilityRequest.self).slots ?? [])
        return .reply(GridReply(slots: try await services.database.grid(for: user.id).map(SlotView.init)))
    }

    func request(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(MeetingRequestRequest.self)
        guard let to = p.to else { throw DomainError.invalid("to", "to is required") }
        let message = try Validate.text(p.message, field: "message", max: 1_000, required: false)
        return .reply(["request": RequestView(try await services.database.requestMeeting(
            from: user, to: to, slots: p.slots, message: message, confirmOverlap: p.confirmOverlap ?? false, key: info.key,
            expiryHours: expiry, now: services.clock(), notify: notify))])
    }

    func accept(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(RequestIDRequest.self)
        return .reply(["meeting": MeetingView(try await services.database.acceptMeeting(
            request: try requestID(p), slot: p.slot, by: user, confirmOverlap: p.confirmOverlap ?? false, expiryHours: expiry, now: services.clock(),
            notify: notify))])
    }

    /// `meeting.decline` by the invitee, `meeting.withdraw` by the requester: who may do which is decided before anything is
    /// written (`MeetingRules.decide`).
    func close(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(RequestIDRequest.self)
        let reason = try p.reason.map { try Validate.text($0, field: "reason", max: 500, required: false) }
        let action: RequestAction = info.type == .meetingDecline ? .decline : .withdraw
        return .reply(["request": RequestView(try await services.database.closeRequest(try requestID(p), action, by: user, reason: reason,
                                                                                      expiryHours: expiry, now: services.clock(), notify: notify))])
    }

    func cancel(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        try await services.database.cancelMeeting(try meetingID(info), by: user, now: services.clock(), notify: notify)
        return .reply(EmptyPayload())
    }

    func list(session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let list = MeetingListReply(try await services.database.meetingList(for: user.id, expiryHours: expiry))
        return .reply(MeetingListWithIce(incoming: list.incoming, outgoing: list.outgoing, meetings: list.meetings,
                                         iceServers: MediaHandlers.config(for: user.id, services: services).iceServers))
    }

    func checkIn(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        return .reply(["meeting": MeetingView(try await services.database.checkIn(meeting: try meetingID(info), by: user, now: services.clock()))])
    }

    /// Relays an offer, answer, ICE candidate, bye or camera state to the other person of the meeting, and to nobody else.
    func signal(_ info: RequestInfo, session: SocketSession) async throws -> Outcome {
        let user = try session.requireUser()
        let p = try info.request.payload(SignalRequest.self)
        guard let meeting = p.meetingId else { throw DomainError.invalid("meetingId", "meetingId is required") }
        guard let kind = p.kind.flatMap(SignalKind.init(rawValue:)) else { throw DomainError.invalid("kind", "kind must be offer, answer, candidate, bye or camera") }
        let partner: Int64
        do {
            partner = try await services.database.meetingPartner(meeting: meeting, of: user.id)
        } catch let error as DomainError where error.code == .notFound {
            throw DomainError(.forbidden, "Signals go only between the two people of a meeting", field: "meetingId")
        }
        guard p.to == partner else { throw DomainError(.forbidden, "Signals go only to the other person of the meeting", field: "to") }
        let data = try Outgoing.json(Relayed(meetingId: meeting.rawValue, from: user.id.rawValue, kind: kind.rawValue, payload: p.payload ?? .null))
        let topic = Topic.user(UserID(partner)).description
        services.ephemeral.publish(topic: topic, frame: Outgoing.event(topic: topic, seq: nil, type: .rtcSignal, at: services.clock(), dataJSON: data))
        return .reply(EmptyPayload())
    }

    private func requestID(_ p: RequestIDRequest) throws -> MeetingRequestID {
        guard let id = p.requestId else { throw DomainError.invalid("requestId", "requestId is required") }
        return id
    }

    private func meetingID(_ info: RequestInfo) throws -> MeetingID {
        guard let id = try info.request.payload(MeetingIDRequest.self).meetingId else { throw DomainError.invalid("meetingId", "meetingId is required") }
        return id
    }
}

private struct Relayed: Encodable {
    let meetingId: Int64
    let from: Int64
    let kind: String
    let payload: JSONFragment
}

private struct MeetingListWithIce: Encodable, Sendable {
    let incoming: [RequestView]
    let outgoing: [RequestView]
    let meetings: [MeetingView]
    let iceServers: [IceServer]
}
