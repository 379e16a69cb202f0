import SeminarCore

/// Announcements and topic snapshots on the wire.
extension AnnouncementView {
    /// `seq`: the seq of its event on topic `seminar` (the stored one, or the one it is getting as it is published).
    public init(_ announcement: Announcement, seq: Int64? = nil) {
        self.init(id: announcement.id.rawValue, seq: seq ?? announcement.seq, text: announcement.text, level: announcement.level,
                  author: AuthorView(announcement.author), at: announcement.at.iso8601, expiresAt: announcement.expiresAt?.iso8601, lang: announcement.lang)
    }
}

extension ScheduledAnnouncement {
    /// An announcement not yet published; `publishAt` falls back to its creation time.
    public init(_ announcement: Announcement) {
        self.init(id: announcement.id.rawValue, text: announcement.text, level: announcement.level, publishAt: (announcement.publishAt ?? announcement.at).iso8601,
                  expiresAt: announcement.expiresAt?.iso8601, lang: announcement.lang)
    }
}

extension SeminarSnapshot {
    /// The `seminar` snapshot from the seminar's state: announcements, live sessions, the channel.
    public init(_ state: SeminarState) {
        self.init(announcements: state.announcements.map { AnnouncementView($0) }, live: state.live.map(LiveSessionView.init),
                  channel: state.channel.map(ChannelView.init))
    }
}

extension TopicSnapshot {
    /// The snapshot as a subscribe reply carries it.
    public var wire: any Encodable & Sendable {
        switch self {
        case .seminar(let state): SeminarSnapshot(state)
        case .desk(let queue, let agents): DeskQueueView(queue, agentsOnline: agents)
        case .feed(let page): FeedListReply(page)
        case .none: EmptyPayload()
        }
    }
}
