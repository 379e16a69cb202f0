import SeminarCore

/// The program's live parts on the wire: the channel and the sessions live now, as the `seminar` snapshot and the
/// desk's guide show them.
extension ChannelView {
    public init(_ channel: SeminarChannel) {
        self.init(roomId: channel.roomId, name: channel.name, streams: channel.streams, now: channel.now.map(ProgrammeView.init),
                  next: channel.next.map(ProgrammeView.init))
    }
}

extension ProgrammeView {
    public init(_ programme: SeminarChannel.Programme) {
        self.init(title: programme.title, startsAt: programme.startsAt.iso8601, endsAt: programme.endsAt.iso8601)
    }
}

extension LiveSessionView {
    /// The title by language code, every language present (a missing one takes the title's fallback, as before).
    public init(_ session: LiveSession) {
        var titles: [String: String] = [:]
        for language in Language.allCases { titles[language.rawValue] = session.title[language] }
        self.init(sessionId: session.sessionId, roomId: session.roomId, title: titles, startsAt: session.startsAt.iso8601,
                  endsAt: session.endsAt.iso8601)
    }
}
