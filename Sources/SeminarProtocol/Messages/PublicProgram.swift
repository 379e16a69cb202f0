import SeminarCore

/// A session as anyone may see it before signing in (`GET /api/program`): what, when, in which track and languages,
/// and who hosts it (an organisation). Nothing about people, rooms or their content: no room, no state, no hosts.
public struct PublicSession: Codable, Sendable, Equatable {
    /// The session's id.
    public let id: Int64
    /// The program file's key for the session.
    public let key: String
    /// Its track; nil when it has none.
    public let trackId: Int64?
    /// Its title in each language.
    public let title: LocalizedText
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// The organisation that hosts it; nil when the program does not say.
    public let hostOrganisation: String?
    /// The languages the session is held in (fr, en, es); empty when the program does not say.
    public let languages: [String]

    /// The public part of a session of the program.
    public init(_ session: SessionSummary) {
        id = session.id
        key = session.key
        trackId = session.trackId
        title = session.title
        startsAt = session.startsAt
        endsAt = session.endsAt
        hostOrganisation = session.hostOrganisation
        languages = session.languages
    }
}

/// The program as the public first page shows it: `days` are the local dates (`YYYY-MM-DD`, in `timeZone`) that have
/// sessions, as in `program.get`.
public struct PublicProgram: Codable, Sendable, Equatable {
    /// The seminar's time zone (IANA name).
    public let timeZone: String
    /// Local dates (`YYYY-MM-DD`) that have sessions.
    public let days: [String]
    /// Every track.
    public let tracks: [TrackView]
    /// Every session, public fields only.
    public let sessions: [PublicSession]

    /// The public part of `program.get`'s reply.
    public init(_ program: ProgramReply) {
        timeZone = program.timeZone
        days = program.days
        tracks = program.tracks
        sessions = program.sessions.map(PublicSession.init)
    }
}
