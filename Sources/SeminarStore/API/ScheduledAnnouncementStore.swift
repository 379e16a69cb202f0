import SeminarCore

/// Announcements waiting for their time, and a topic's snapshot with the events after `since` for a subscriber.
public protocol ScheduledAnnouncementStore: Sendable {
    /// Drops a scheduled announcement, or makes a published one expire now (`announcement.expired`).
    func cancelAnnouncement(id: AnnouncementID, now: Timestamp) async throws
    /// The announcements still waiting for their time.
    func scheduledAnnouncements() async throws -> [Announcement]
    /// A consistent snapshot of a topic plus, when `since` is given, the events after it (one read transaction).
    /// `deskAgents`: the agents watching the queue, for the `desk` snapshot's wait estimates.
    func subscription(topic: Topic, since: Int64?, now: Timestamp, deskAgents: Int) async throws -> (snapshot: TopicSnapshot, replay: Replay)
}

extension ScheduledAnnouncementStore {
    public func subscription(topic: Topic, since: Int64?, now: Timestamp) async throws -> (snapshot: TopicSnapshot, replay: Replay) {
        try await subscription(topic: topic, since: since, now: now, deskAgents: 1)
    }
}

extension AppDatabase: ScheduledAnnouncementStore {}
