/// What one of its two people does to a meeting request.
public enum RequestAction: String, Sendable, CaseIterable {
    /// The invitee takes one of the proposed slots.
    case accept
    /// The invitee says no.
    case decline
    /// The requester takes the request back.
    case withdraw
}

/// What one of its two people does to a booked meeting.
public enum MeetingAction: String, Sendable, CaseIterable {
    case cancel, checkIn, signal
}

/// A meeting request as the rules need it.
public struct RequestFacts: Sendable, Equatable {
    public let from: Int64
    public let to: Int64
    public let status: RequestStatus
    public let createdAt: Timestamp

    public init(from: Int64, to: Int64, status: RequestStatus, createdAt: Timestamp) {
        self.from = from
        self.to = to
        self.status = status
        self.createdAt = createdAt
    }
}

/// A booked (or cancelled) meeting as the rules need it.
public struct MeetingFacts: Sendable, Equatable {
    public let a: Int64
    public let b: Int64
    /// `booked` or `cancelled`.
    public let status: String

    public init(a: Int64, b: Int64, status: String) {
        self.a = a
        self.b = b
        self.status = status
    }
}

extension MeetingRules {
    /// Decides whether `user` may do `action` to a request, before anything is written: someone who is neither of its
    /// two people learns nothing of it (`not_found`); the other side is refused (`forbidden`); a request that is no
    /// longer pending, or (to accept) has expired, is a `conflict`. Returns the request's new status.
    public static func decide(_ action: RequestAction, on request: RequestFacts, by user: Int64, now: Timestamp,
                              expiryHours: Int) throws(DomainError) -> RequestStatus {
        guard user == request.from || user == request.to else { throw DomainError(.notFound, "No such request", field: "requestId") }
        switch action {
        case .accept where user != request.to:
            throw DomainError(.forbidden, "Only the invitee can accept", field: "requestId")
        case .decline where user != request.to:
            throw DomainError(.forbidden, "Only the invitee can decline; the requester withdraws", field: "requestId")
        case .withdraw where user != request.from:
            throw DomainError(.forbidden, "Only the requester can withdraw; the invitee declines", field: "requestId")
        default:
            break
        }
        guard request.status == .pending else { throw DomainError(.conflict, "This request is \(request.status.rawValue)", field: "requestId") }
        switch action {
        case .accept:
            if isExpired(createdAt: request.createdAt, now: now, expiryHours: expiryHours) {
                throw DomainError(.conflict, "This request has expired", field: "requestId")
            }
            return .accepted
        case .decline: return .declined
        case .withdraw: return .cancelled
        }
    }

    /// Decides whether `user` may do `action` to a meeting: only its two people (anyone else: `not_found`), only while it
    /// is booked (`conflict`). Returns the other person.
    public static func decide(_ action: MeetingAction, on meeting: MeetingFacts, by user: Int64) throws(DomainError) -> Int64 {
        guard user == meeting.a || user == meeting.b else { throw DomainError(.notFound, "No such meeting", field: "meetingId") }
        guard meeting.status == "booked" else { throw DomainError(.conflict, "This meeting is \(meeting.status)", field: "meetingId") }
        return user == meeting.a ? meeting.b : meeting.a
    }
}
