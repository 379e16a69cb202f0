import SeminarCore

/// The program's live parts on the wire: the channel and the sessions live now, as the `seminar` snapshot and the
/// desk's guide show them.
extension ChannelView {
    /// The channel with what is on now and next.
    public init(_ channel: SeminarChannel) {
        self.init(roomId: channel.roomId.rawValue, name: channel.name, streams: channel.streams, now: channel.now.map(ProgrammeView.init),
                  next: channel.next.map(ProgrammeView.init))
    }
}

extension ProgrammeView {
    /// One programme of the channel, times as ISO 8601.
    public init(_ programme: SeminarChannel.Programme) {
        self.init(title: programme.title, startsAt: programme.startsAt.iso8601, endsAt: programme.endsAt.iso8601)
    }
}

extension LiveSessionView {
    /// The title by language code, every language present (a missing one takes the title's fallback, as before).
    public init(_ session: LiveSession) {
        var titles: [String: String] = [:]
        for language in Language.allCases { titles[language.rawValue] = session.title[language] }
        self.init(sessionId: session.sessionId.rawValue, roomId: session.roomId.rawValue, title: titles, startsAt: session.startsAt.iso8601,
                  endsAt: session.endsAt.iso8601)
    }
}

extension SessionSummary {
    /// A session as listed; `bookmarked` says whether the reader has it in their agenda.
    public init(_ session: ProgramSession, bookmarked: Bool) {
        self.init(id: session.id.rawValue, key: session.key, trackId: session.trackId?.rawValue, title: session.content.title, startsAt: session.startsAt.iso8601,
                  endsAt: session.endsAt.iso8601, roomId: session.roomId?.rawValue, state: session.roomState.rawValue,
                  hostOrganisation: session.content.details.hostOrganisation, room: session.content.details.room,
                  languages: session.content.details.languages?.map(\.rawValue) ?? [], bookmarked: bookmarked)
    }
}

extension TrackView {
    /// A track of the program.
    public init(_ track: Track) {
        self.init(id: track.id.rawValue, key: track.key, name: track.name)
    }
}

extension SessionView {
    /// A session's page: summary, description, details, hosts, revision, whether the reader may edit, replays.
    public init(_ page: SessionPage) {
        self.init(session: SessionSummary(page.session, bookmarked: page.bookmarked), description: page.session.content.description,
                  details: page.session.content.details, hosts: page.hosts.map(AuthorView.init), revision: page.session.revision, canEdit: page.canEdit,
                  replays: page.replays.map(ReplayView.init))
    }
}

extension SessionUpdateReply {
    /// What `session.update` changed.
    public init(_ update: SessionUpdate) {
        self.init(sessionId: update.sessionId.rawValue, revision: update.revision, changed: update.changed)
    }
}

extension RevisionView {
    /// Each change with its word diff.
    public init(_ revision: SessionRevision) {
        self.init(id: revision.id.rawValue, revision: revision.number, author: revision.author.map(AuthorView.init), at: revision.at.iso8601,
                  changes: revision.changes.map { RevisionChangeView(field: $0.field, language: $0.language?.rawValue, runs: WordDiff.diff($0.before, $0.after)) })
    }
}

extension AgendaEntry {
    /// A bookmarked session (always `bookmarked: true`) with what it clashes with.
    public init(_ entry: Agenda.Entry<ProgramSession>) {
        self.init(session: SessionSummary(entry.item, bookmarked: true), clashesWith: entry.clashesWith)
    }
}

extension AgendaMeeting {
    /// A booked meeting with what it clashes with.
    public init(_ entry: Agenda.Entry<Meeting>) {
        self.init(meeting: MeetingView(entry.item), clashesWith: entry.clashesWith)
    }
}
