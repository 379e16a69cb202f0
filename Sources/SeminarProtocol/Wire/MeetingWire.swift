import SeminarCore

/// Bilateral meetings on the wire: the views clients read, and each ``MeetingEvent``'s type and data.
extension MeetingEvent {
    /// The event as the log keeps it and clients get it.
    public func wire() throws -> (type: String, data: String) {
        switch self {
        case .gridUpdated(let slots): try EventType.gridUpdated.with(["slots": slots.map(SlotRef.init)])
        case .request(let request): try Self.type(of: request).with(["request": RequestView(request)])
        case .booked(let meeting): try EventType.meetingBooked.with(["meeting": MeetingView(meeting)])
        case .cancelled(let meetingId, let by): try EventType.meetingCancelled.with(["meetingId": meetingId.rawValue, "by": by])
        case .checkedIn(let meetingId, let userId): try EventType.meetingCheckedIn.with(["meetingId": meetingId.rawValue, "userId": userId])
        case .reminder(let meeting): try EventType.meetingReminder.with(["meeting": MeetingView(meeting)])
        }
    }
}

extension MeetingEvent {
    /// A new request is `meeting.requested`; a closed one is named after how it closed (`meeting.declined`, …; an
    /// accepted one is told as the meeting it booked).
    static func type(of request: MeetingRequest) -> EventType {
        switch request.status {
        case .pending, .accepted: .meetingRequested
        case .declined: .meetingDeclined
        case .cancelled: .meetingCancelled
        case .expired: .meetingExpired
        }
    }
}

extension SlotRef {
    /// A slot's id and times as ISO 8601.
    public init(_ slot: MeetingSlot) {
        self.init(id: slot.id.rawValue, startsAt: slot.startsAt.iso8601, endsAt: slot.endsAt.iso8601)
    }
}

extension SlotView {
    /// A grid slot with its free tables and the reader's availability.
    public init(_ slot: GridSlot) {
        self.init(id: slot.slot.id.rawValue, startsAt: slot.slot.startsAt.iso8601, endsAt: slot.slot.endsAt.iso8601, tables: slot.slot.tables,
                  freeTables: slot.freeTables, available: slot.available)
    }
}

extension RequestView {
    /// A request as either person sees it, times as ISO 8601.
    public init(_ request: MeetingRequest) {
        self.init(id: request.id.rawValue, from: AuthorView(request.from), to: AuthorView(request.to), slots: request.slots.map(SlotRef.init),
                  message: request.message, status: request.status.rawValue, reason: request.reason, createdAt: request.createdAt.iso8601,
                  expiresAt: request.expiresAt.iso8601)
    }
}

extension MeetingView {
    /// A meeting as one of its two people sees it.
    public init(_ meeting: Meeting) {
        self.init(id: meeting.id.rawValue, slot: SlotRef(meeting.slot), table: meeting.table, with: AuthorView(meeting.with), roomId: meeting.roomId?.rawValue,
                  status: meeting.status, checkedIn: meeting.checkedIn, otherCheckedIn: meeting.otherCheckedIn)
    }
}

extension MeetingListReply {
    /// The reader's requests (incoming, outgoing) and meetings; the server adds `iceServers`.
    public init(_ list: MeetingList) {
        self.init(incoming: list.incoming.map(RequestView.init), outgoing: list.outgoing.map(RequestView.init), meetings: list.meetings.map(MeetingView.init))
    }
}

extension ReminderView {
    /// The `reminder` event's data, its time as ISO 8601.
    public init(_ reminder: SessionReminder) {
        self.init(sessionId: reminder.sessionId.rawValue, roomId: reminder.roomId?.rawValue, title: reminder.title, startsAt: reminder.startsAt.iso8601)
    }
}
