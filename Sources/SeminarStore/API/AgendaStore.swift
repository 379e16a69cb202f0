import SeminarCore

/// A person's agenda seen from outside the program: the guide (what to do now), calendar feeds and session reminders.
public protocol AgendaStore: Sendable {
    /// Sessions live now, the next five to start, the person's next bookmarked session (or the one they are
    /// in now) and next meeting, the all-week channel, and the desk queue's length.
    func guide(for user: UserID, now: Timestamp) async throws -> GuideRead
    /// The person's agenda as calendar events (stable UIDs; SEQUENCE follows the session's revision).
    func calendarEvents(for user: UserID, language: Language, baseURL: String) async throws -> (name: String, timeZone: String, events: [CalendarEvent])
    func sendDueReminders(now: Timestamp, lead: Int64) async throws -> Int
}

extension AgendaStore {
    public func sendDueReminders(now: Timestamp) async throws -> Int {
        try await sendDueReminders(now: now, lead: 300)
    }
}

extension AppDatabase: AgendaStore {}
