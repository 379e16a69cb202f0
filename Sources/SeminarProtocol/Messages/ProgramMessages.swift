import SeminarCore

public struct TrackView: Codable, Sendable, Equatable {
    public let id: Int64
    public let key: String
    public let name: LocalizedText
    public init(id: Int64, key: String, name: LocalizedText) {
        self.id = id
        self.key = key
        self.name = name
    }
}

/// A session as listed in the program.
public struct SessionSummary: Codable, Sendable, Equatable {
    public let id: Int64
    public let key: String
    public let trackId: Int64?
    public let title: LocalizedText
    public let startsAt: String
    public let endsAt: String
    public let roomId: Int64?
    public let state: String
    public let hostOrganisation: String?
    public let room: String?
    /// The languages the session is held in (fr, en, es); empty when the program does not say.
    public let languages: [String]
    public let bookmarked: Bool

    public init(id: Int64, key: String, trackId: Int64?, title: LocalizedText, startsAt: String, endsAt: String, roomId: Int64?,
                state: String, hostOrganisation: String?, room: String?, languages: [String] = [], bookmarked: Bool) {
        self.id = id
        self.key = key
        self.trackId = trackId
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.roomId = roomId
        self.state = state
        self.hostOrganisation = hostOrganisation
        self.room = room
        self.languages = languages
        self.bookmarked = bookmarked
    }
}

public struct ProgramReply: Codable, Sendable {
    public let timeZone: String
    /// Local dates (`YYYY-MM-DD`, in the seminar's zone) that have sessions.
    public let days: [String]
    public let tracks: [TrackView]
    public let sessions: [SessionSummary]
    public init(timeZone: String, days: [String], tracks: [TrackView], sessions: [SessionSummary]) {
        self.timeZone = timeZone
        self.days = days
        self.tracks = tracks
        self.sessions = sessions
    }
}

public struct SessionRequest: Codable, Sendable {
    public let sessionId: Int64?
}

/// A session with everything its page shows.
public struct SessionView: Codable, Sendable {
    public let session: SessionSummary
    public let description: LocalizedText
    public let details: SessionDetails
    public let hosts: [AuthorView]
    public let revision: Int64
    public let canEdit: Bool
    /// Recordings of the session room's stage, oldest first (``ReplayView``).
    public let replays: [ReplayView]
    public init(session: SessionSummary, description: LocalizedText, details: SessionDetails, hosts: [AuthorView], revision: Int64, canEdit: Bool,
                replays: [ReplayView] = []) {
        self.session = session
        self.description = description
        self.details = details
        self.hosts = hosts
        self.revision = revision
        self.canEdit = canEdit
        self.replays = replays
    }
}

/// `session.update`: only the fields given change; a language given as "" removes that language.
public struct SessionUpdateRequest: Codable, Sendable {
    public let sessionId: Int64?
    public let title: LocalizedText?
    public let description: LocalizedText?
    public let audience: LocalizedText?
    public let hostOrganisation: String?
    public let room: String?
    public let conceptNote: String?
}

public struct SessionUpdateReply: Codable, Sendable, Equatable {
    public let sessionId: Int64
    public let revision: Int64
    public let changed: [String]
    public init(sessionId: Int64, revision: Int64, changed: [String]) {
        self.sessionId = sessionId
        self.revision = revision
        self.changed = changed
    }
}

public struct RevisionView: Codable, Sendable {
    public let id: Int64
    public let revision: Int64
    public let author: AuthorView?
    public let at: String
    public let changes: [RevisionChangeView]
    public init(id: Int64, revision: Int64, author: AuthorView?, at: String, changes: [RevisionChangeView]) {
        self.id = id
        self.revision = revision
        self.author = author
        self.at = at
        self.changes = changes
    }
}

public struct RevisionChangeView: Codable, Sendable {
    public let field: String
    public let language: String?
    public let runs: [DiffRun]
    public init(field: String, language: String?, runs: [DiffRun]) {
        self.field = field
        self.language = language
        self.runs = runs
    }
}

public struct RevisionsReply: Codable, Sendable {
    public let sessionId: Int64
    public let revisions: [RevisionView]
    public init(sessionId: Int64, revisions: [RevisionView]) {
        self.sessionId = sessionId
        self.revisions = revisions
    }
}

public struct AgendaReply: Codable, Sendable {
    public let sessions: [AgendaEntry]
    public let meetings: [AgendaMeeting]
    public let calendarUrl: String?
    public init(sessions: [AgendaEntry], meetings: [AgendaMeeting], calendarUrl: String?) {
        self.sessions = sessions
        self.meetings = meetings
        self.calendarUrl = calendarUrl
    }
}

public struct AgendaMeeting: Codable, Sendable {
    public let meeting: MeetingView
    public let clashesWith: [String]
    public init(meeting: MeetingView, clashesWith: [String]) {
        self.meeting = meeting
        self.clashesWith = clashesWith
    }
}

public struct AgendaEntry: Codable, Sendable {
    public let session: SessionSummary
    /// Ids of the other agenda entries this one overlaps (`session:<id>`, later `meeting:<id>`).
    public let clashesWith: [String]
    public init(session: SessionSummary, clashesWith: [String]) {
        self.session = session
        self.clashesWith = clashesWith
    }
}

/// `reminder`: a bookmarked session starts soon.
public struct ReminderView: Codable, Sendable {
    public let sessionId: Int64
    public let roomId: Int64?
    public let title: LocalizedText
    public let startsAt: String
    public init(sessionId: Int64, roomId: Int64?, title: LocalizedText, startsAt: String) {
        self.sessionId = sessionId
        self.roomId = roomId
        self.title = title
        self.startsAt = startsAt
    }
}
