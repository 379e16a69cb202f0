import SeminarCore
import SeminarStore

// The areas around the aggregates, each answered by the aggregate that holds its tables.

extension PostgresStore: DeskQueueStore {
    public func askerLocale(ticket id: TicketID) async throws -> Language { try await desk.askerLocale(ticket: id) }
    public func claimedTickets(agent: UserID?) async throws -> [(ticket: TicketID, agent: UserID)] { try await desk.claimedTickets(agent: agent) }
    public func markDeskRead(ticket id: TicketID, upTo: DeskMessageID?, by user: UserRecord, now: Timestamp) async throws -> DeskMessageID {
        try await desk.markDeskRead(ticket: id, upTo: upTo, by: user, now: now)
    }
    public func roomTitle(_ roomId: RoomID, language: Language) async throws -> String { try await desk.roomTitle(roomId, language: language) }
    public func waitingPositions(agents: Int) async throws -> [DeskPosition] { try await desk.waitingPositions(agents: agents) }
}

extension PostgresStore: ScheduleStore {
    @discardableResult
    public func expireRequests(now: Timestamp, expiryHours: Int) async throws -> Int { try await meetings.expireRequests(now: now, expiryHours: expiryHours) }
    public func meetingPartner(meeting id: MeetingID, of user: UserID) async throws -> Int64 { try await meetings.meetingPartner(meeting: id, of: user) }
    public func publishPlan(_ planned: [PlannedMeeting], now: Timestamp, notify: PlanMail.Composer?) async throws -> (created: Int, skipped: Int) {
        try await meetings.publishPlan(planned, now: now, notify: notify)
    }
    public func scheduleInput(slots slotIDs: [SlotID], maxPerPerson: Int, only: Set<Int64>?) async throws -> ScheduleInput {
        try await meetings.scheduleInput(slots: slotIDs, maxPerPerson: maxPerPerson, only: only)
    }
    public func setAvailability(user: UserID, slots: [SlotID]) async throws { try await meetings.setAvailability(user: user, slots: slots) }
}

extension PostgresStore: AgendaStore {
    public func guide(for user: UserID, now: Timestamp) async throws -> GuideRead { try await program.guide(for: user, now: now) }
    public func calendarEvents(for user: UserID, language: Language, baseURL: String) async throws -> (name: String, timeZone: String, events: [CalendarEvent]) {
        try await program.calendarEvents(for: user, language: language, baseURL: baseURL)
    }
    @discardableResult
    public func sendDueReminders(now: Timestamp, lead: Int64) async throws -> Int { try await program.sendDueReminders(now: now, lead: lead) }
}

extension PostgresStore: ScheduledAnnouncementStore {
    public func scheduledAnnouncements() async throws -> [Announcement] { try await announcements.scheduledAnnouncements() }
    public func cancelAnnouncement(id: AnnouncementID, now: Timestamp) async throws { try await announcements.cancelAnnouncement(id: id, now: now) }
    public func subscription(topic: Topic, since: Int64?, now: Timestamp, deskAgents: Int) async throws -> (snapshot: TopicSnapshot, replay: Replay) {
        try await announcements.subscription(topic: topic, since: since, now: now, deskAgents: deskAgents)
    }
}

extension PostgresStore: StoreHealth {
    public func ping() async throws {
        _ = try await context.read { connection in try await connection.exists("SELECT 1", logger: context.logger) }
    }
}
