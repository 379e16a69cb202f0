import SeminarCore

/// Everything a node asks of its store: the aggregates of `Store`, the mail outbox, and the operations of the areas
/// around them (the console's reports, invitations and recovery, the lounge's lists, direct messages, the FAQ, the
/// guide, reminders and digests). The embedded SQLite store (`AppDatabase`) and the cluster's PostgreSQL store both
/// provide it, so `seminar serve` runs on either.
public typealias ServerStore = Store & MailOutboxStore & ConsoleStore & MailingStore & PasswordStore & LoungeStore & DirectMessageStore
    & DeskQueueStore & FaqStore & ScheduleStore & AgendaStore & PostStore & ScheduledAnnouncementStore & StoreHealth

extension ProgramStore {
    /// The whole program before anyone signs in (no bookmarks).
    public func program() async throws -> Program { try await program(for: nil) }

    /// Loads a program without making any session live now.
    public func loadProgram(_ program: ResolvedProgram) async throws { try await loadProgram(program, liveNow: nil) }
}

extension FeedStore {
    /// The best matches among the 8,000 most recent posts that match.
    public func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int) async throws -> [PostMatch] {
        try await searchPosts(terms, filter: filter, limit: limit, rankWindow: 8_000)
    }
}

extension EventLogStore {
    /// A topic's whole retained log.
    public func events(topic: Topic) async throws -> Replay { try await events(topic: topic, since: 0) }
}

extension AnnouncementStore {
    /// An announcement that is not also mailed.
    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        try await announce(announcement, by: author, key: key, now: now, mail: nil)
    }

    /// Publishes the due announcements without mailing them.
    public func publishDueAnnouncements(now: Timestamp) async throws -> Int { try await publishDueAnnouncements(now: now, mail: nil) }
}
