/// The demo seminar (and later a program import) as written in `Config/demo/seminar.json`.
public struct ProgramFile: Sendable, Codable, Equatable {
    public struct Track: Sendable, Codable, Equatable {
        public let key: String
        public let name: LocalizedText

        public init(key: String, name: LocalizedText) {
            self.key = key
            self.name = name
        }
    }

    public struct Session: Sendable, Codable, Equatable {
        public let key: String
        public let track: String?
        /// Local time in the seminar's zone, `YYYY-MM-DDTHH:MM`.
        public let start: String
        public let end: String
        public let title: LocalizedText
        public let description: LocalizedText?
        public let hostOrganisation: String?
        public let room: String?
        public let audience: LocalizedText?
        public let agenda: [AgendaItem]?
        public let speakers: [String]?
        public let conceptNote: String?
        /// The languages the session is held in: codes of ``Language`` (fr, en, es), each once.
        public let languages: [String]?

        public init(key: String, track: String?, start: String, end: String, title: LocalizedText, description: LocalizedText?,
                    hostOrganisation: String? = nil, room: String? = nil, audience: LocalizedText? = nil,
                    agenda: [AgendaItem]? = nil, speakers: [String]? = nil, conceptNote: String? = nil, languages: [String]? = nil) {
            self.key = key
            self.track = track
            self.start = start
            self.end = end
            self.title = title
            self.description = description
            self.hostOrganisation = hostOrganisation
            self.room = room
            self.audience = audience
            self.agenda = agenda
            self.speakers = speakers
            self.conceptNote = conceptNote
            self.languages = languages
        }

        /// The details once `languages` has been checked (an empty list says nothing, as a missing one).
        func details(languages: [Language]) -> SessionDetails {
            SessionDetails(hostOrganisation: hostOrganisation, room: room, audience: audience ?? LocalizedText(),
                           agenda: agenda ?? [], speakers: speakers ?? [], conceptNote: conceptNote,
                           languages: languages.isEmpty ? nil : languages)
        }

        /// The languages as ``Language``s; `invalid` naming `field` for an unknown code or one given twice.
        func checkedLanguages(field: String) throws(DomainError) -> [Language] {
            var seen: [Language] = []
            for code in languages ?? [] {
                guard let language = Language(rawValue: code) else {
                    throw .invalid(field, "'\(code)' is not a language of the seminar (fr, en, es)")
                }
                guard !seen.contains(language) else { throw .invalid(field, "'\(code)' is given twice") }
                seen.append(language)
            }
            return seen
        }
    }

    /// The all-week channel (the seeds' "UCLG TV"): a stream with its own schedule of programmes.
    public struct Channel: Sendable, Codable, Equatable {
        public struct Programme: Sendable, Codable, Equatable {
            public let start: String
            public let end: String
            public let title: LocalizedText
        }

        public let name: LocalizedText
        /// An http(s) address, or a path on the seminar itself (`/media/uclg-tv.webm`: a clip it serves).
        public let stream: String?
        public let programmes: [Programme]
    }

    public let name: LocalizedText
    public let tagline: LocalizedText?
    public let timeZone: String
    public var channel: Channel? = nil
    public let anchorSession: String?
    public let tracks: [Track]
    public let sessions: [Session]

    public init(name: LocalizedText, tagline: LocalizedText?, timeZone: String, anchorSession: String?, tracks: [Track], sessions: [Session]) {
        self.name = name
        self.tagline = tagline
        self.timeZone = timeZone
        self.anchorSession = anchorSession
        self.tracks = tracks
        self.sessions = sessions
    }
}

/// A session with its times resolved to UTC.
public struct ResolvedSession: Sendable, Equatable {
    public let key: String
    public let track: String?
    public let startsAt: Timestamp
    public let endsAt: Timestamp
    public let title: LocalizedText
    public let description: LocalizedText
    public let details: SessionDetails
}

/// A channel programme with its times in UTC.
public struct ResolvedProgramme: Sendable, Equatable {
    public let startsAt: Timestamp
    public let endsAt: Timestamp
    public let title: LocalizedText
}

public struct ResolvedChannel: Sendable, Equatable {
    public let name: LocalizedText
    public let stream: String?
    public let programmes: [ResolvedProgramme]
}

public struct ResolvedProgram: Sendable, Equatable {
    public var channel: ResolvedChannel? = nil
    public let name: LocalizedText
    public let tagline: LocalizedText
    public let timeZone: String
    public let tracks: [ProgramFile.Track]
    public let sessions: [ResolvedSession]
    public let startsAt: Timestamp
    public let endsAt: Timestamp
}

extension ProgramFile {
    /// Checks the whole file and resolves its local times to UTC.
    /// - Parameters:
    ///   - offset: seconds east of UTC of the seminar's zone at a local time given as if it were UTC.
    ///   - now: when set, the week is shifted so the anchor session is on now (see ``DemoSchedule``).
    public func resolve(offset: (Timestamp) -> Int64, now: Timestamp?) throws(DomainError) -> ResolvedProgram {
        if name.isEmpty { throw .invalid("name", "the seminar needs a name") }
        var trackKeys = Set<String>()
        for (i, track) in tracks.enumerated() {
            guard !track.key.isEmpty, trackKeys.insert(track.key).inserted else {
                throw .invalid("tracks[\(i)].key", "track key '\(track.key)' is empty or repeated")
            }
        }
        var sessionKeys = Set<String>()
        var resolved: [ResolvedSession] = []
        for (i, session) in sessions.enumerated() {
            let at = "sessions[\(i)] (\(session.key))"
            guard !session.key.isEmpty, sessionKeys.insert(session.key).inserted else {
                throw .invalid("\(at).key", "session key is empty or repeated")
            }
            if let track = session.track, !trackKeys.contains(track) {
                throw .invalid("\(at).track", "unknown track '\(track)'")
            }
            guard let localStart = Timestamp(iso8601: session.start) else { throw .invalid("\(at).start", "'\(session.start)' is not YYYY-MM-DDTHH:MM") }
            guard let localEnd = Timestamp(iso8601: session.end) else { throw .invalid("\(at).end", "'\(session.end)' is not YYYY-MM-DDTHH:MM") }
            guard localStart < localEnd else { throw .invalid("\(at).end", "the session ends before it starts") }
            if session.title.isEmpty { throw .invalid("\(at).title", "a session needs a title") }
            let languages = try session.checkedLanguages(field: "\(at).languages")
            resolved.append(ResolvedSession(
                key: session.key, track: session.track,
                startsAt: localStart.adding(seconds: -offset(localStart)),
                endsAt: localEnd.adding(seconds: -offset(localEnd)),
                title: session.title, description: session.description ?? LocalizedText(), details: session.details(languages: languages)))
        }
        if let now {
            guard let anchorKey = anchorSession, let anchor = resolved.first(where: { $0.key == anchorKey }) else {
                throw .invalid("anchorSession", "the demo needs an anchorSession that names a session")
            }
            let shift = DemoSchedule.shift(anchorStart: anchor.startsAt.seconds, now: now.seconds)
            resolved = resolved.map {
                ResolvedSession(key: $0.key, track: $0.track, startsAt: $0.startsAt.adding(seconds: shift),
                                endsAt: $0.endsAt.adding(seconds: shift), title: $0.title, description: $0.description, details: $0.details)
            }
        }
        guard let first = resolved.map(\.startsAt).min(), let last = resolved.map(\.endsAt).max() else {
            throw .invalid("sessions", "the program has no session")
        }
        var program = ResolvedProgram(name: name, tagline: tagline ?? LocalizedText(), timeZone: timeZone, tracks: tracks,
                                      sessions: resolved, startsAt: first, endsAt: last)
        if let channel {
            if channel.name.isEmpty { throw .invalid("channel.name", "the channel needs a name") }
            if let stream = channel.stream, !Self.isStreamAddress(stream) {
                throw .invalid("channel.stream", "the stream must be an http(s) address or a path on the seminar (/media/…)")
            }
            var shift: Int64 = 0
            // The demo's shift applies to the channel's schedule too.
            if now != nil, let anchorKey = anchorSession, let anchor = sessions.first(where: { $0.key == anchorKey }),
               let local = Timestamp(iso8601: anchor.start), let shifted = resolved.first(where: { $0.key == anchorKey }) {
                shift = shifted.startsAt.seconds - local.adding(seconds: -offset(local)).seconds
            }
            var programmes: [ResolvedProgramme] = []
            for (i, programme) in channel.programmes.enumerated() {
                let at = "channel.programmes[\(i)]"
                guard let start = Timestamp(iso8601: programme.start) else { throw .invalid("\(at).start", "'\(programme.start)' is not YYYY-MM-DDTHH:MM") }
                guard let end = Timestamp(iso8601: programme.end), start < end else { throw .invalid("\(at).end", "the programme must end after it starts") }
                if programme.title.isEmpty { throw .invalid("\(at).title", "a programme needs a title") }
                programmes.append(ResolvedProgramme(startsAt: start.adding(seconds: shift - offset(start)),
                                                    endsAt: end.adding(seconds: shift - offset(end)), title: programme.title))
            }
            program.channel = ResolvedChannel(name: channel.name, stream: channel.stream, programmes: programmes.sorted { $0.startsAt < $1.startsAt })
        }
        return program
    }
}

extension ProgramFile {
    /// Whether `stream` may be a channel's stream: an http(s) address, or a path on the seminar itself (one leading
    /// `/`, not `//`, which a browser reads as another host).
    static func isStreamAddress(_ stream: String) -> Bool {
        stream.hasPrefix("https://") || stream.hasPrefix("http://") || (stream.hasPrefix("/") && !stream.hasPrefix("//"))
    }
}
