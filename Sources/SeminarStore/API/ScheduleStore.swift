import SeminarCore

/// Bilateral meetings beyond one request: availability, the organiser's bulk plan, expiry of old requests, and who is on
/// the other side of a meeting's table.
public protocol ScheduleStore: Sendable {
    func expireRequests(now: Timestamp, expiryHours: Int) async throws -> Int
    /// The other person of a booked meeting of `user`.
    func meetingPartner(meeting id: MeetingID, of user: UserID) async throws -> Int64
    /// Books a published plan in one transaction; a meeting whose slot or people were taken since the preview is
    /// skipped. Everyone booked is told on their topic.
    /// With `notify`, everyone who got a meeting is mailed all their booked meetings (one `.ics`), in the same transaction.
    func publishPlan(_ meetings: [PlannedMeeting], now: Timestamp, notify: PlanMail.Composer?) async throws -> (created: Int, skipped: Int)
    /// Reads the people who opted in (marked availability in `slotIDs`), their profiles, bookings, requests, blocks and
    /// the bookmarked sessions in the way of the slots.
    func scheduleInput(slots slotIDs: [SlotID], maxPerPerson: Int, only: Set<Int64>?) async throws -> ScheduleInput
    func setAvailability(user: UserID, slots: [SlotID]) async throws
}

extension ScheduleStore {
    public func publishPlan(_ meetings: [PlannedMeeting], now: Timestamp) async throws -> (created: Int, skipped: Int) {
        try await publishPlan(meetings, now: now, notify: nil)
    }
}

extension AppDatabase: ScheduleStore {}
