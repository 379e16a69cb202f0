import SeminarCore

/// A session as anyone may see it before signing in (`GET /api/program`): what, when, in which track and languages,
/// and who hosts it (an organisation). Nothing about people, rooms or their content: no room, no state, no hosts.
public struct PublicSession: Codable, Sendable, Equatable {
    public let id: Int64
    public let key: String
    public let trackId: Int64?
    public let title: LocalizedText
    public let startsAt: String
    public let endsAt: String
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
    public let timeZone: String
    public let days: [String]
    public let tracks: [TrackView]
    public let sessions: [PublicSession]

    public init(_ program: ProgramReply) {
        timeZone = program.timeZone
        days = program.days
        tracks = program.tracks
        sessions = program.sessions.map(PublicSession.init)
    }
}
