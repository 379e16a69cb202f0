import SeminarCore

/// A track of the program (a region, a commission…), in `program.get`.
public struct TrackView: Codable, Sendable, Equatable {
    /// The track's id (what a session's `trackId` names).
    public let id: Int64
    /// The program file's key for the track.
    public let key: String
    /// Its name in each language.
    public let name: LocalizedText
    /// Memberwise.
    public init(id: Int64, key: String, name: LocalizedText) {
        self.id = id
        self.key = key
        self.name = name
    }
}

/// A session as listed in the program.
public struct SessionSummary: Codable, Sendable, Equatable {
    /// The session's id.
    public let id: Int64
    /// The program file's key for the session (stable across imports).
    public let key: String
    /// Its track; nil when it has none.
    public let trackId: Int64?
    /// Its title in each language.
    public let title: LocalizedText
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// ISO 8601: when it ends.
    public let endsAt: String
    /// The live room where it is held; nil when it has none.
    public let roomId: Int64?
    /// Its room's state: `scheduled`, `open`, `live` or `ended`.
    public let state: String
    /// The organisation that hosts it; nil when the program does not say.
    public let hostOrganisation: String?
    /// The room as the program names it (text, not a room id); nil when not given.
    public let room: String?
    /// The languages the session is held in (fr, en, es); empty when the program does not say.
    public let languages: [String]
    /// Whether the reader has it in their agenda.
    public let bookmarked: Bool

    /// Memberwise; `languages` defaults to empty.
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

/// The reply to `program.get`.
public struct ProgramReply: Codable, Sendable {
    /// The seminar's time zone (IANA name).
    public let timeZone: String
    /// Local dates (`YYYY-MM-DD`, in the seminar's zone) that have sessions.
    public let days: [String]
    /// Every track.
    public let tracks: [TrackView]
    /// Every session, in time order.
    public let sessions: [SessionSummary]
    /// Memberwise.
    public init(timeZone: String, days: [String], tracks: [TrackView], sessions: [SessionSummary]) {
        self.timeZone = timeZone
        self.days = days
        self.tracks = tracks
        self.sessions = sessions
    }
}

/// `session.get`, `session.revisions`, `agenda.add`, `agenda.remove`: the session named.
public struct SessionRequest: Codable, Sendable {
    /// The session's id (required).
    public let sessionId: SessionID?
}

/// A session with everything its page shows.
public struct SessionView: Codable, Sendable {
    /// The session as listed in the program.
    public let session: SessionSummary
    /// Its description in each language.
    public let description: LocalizedText
    /// The rest of what it says about itself: hosting organisation, room, audience, agenda, speakers, concept note, languages.
    public let details: SessionDetails
    /// Its hosts.
    public let hosts: [AuthorView]
    /// Counts the session's edits (what `session.update` answers).
    public let revision: Int64
    /// Whether the reader may edit it (its hosts and organisers).
    public let canEdit: Bool
    /// Recordings of the session room's stage, oldest first (``ReplayView``).
    public let replays: [ReplayView]
    /// Memberwise; `replays` defaults to empty.
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
    /// The session (required).
    public let sessionId: SessionID?
    /// The new title; it must keep one language.
    public let title: LocalizedText?
    /// The new description.
    public let description: LocalizedText?
    /// The new audience.
    public let audience: LocalizedText?
    /// The new hosting organisation.
    public let hostOrganisation: String?
    /// The new room text.
    public let room: String?
    /// The new concept note: an http(s) link or `/files/<id>`.
    public let conceptNote: String?
}

/// The reply to `session.update`.
public struct SessionUpdateReply: Codable, Sendable, Equatable {
    /// The session.
    public let sessionId: Int64
    /// Its revision after the change.
    public let revision: Int64
    /// The fields that changed.
    public let changed: [String]
    /// Memberwise.
    public init(sessionId: Int64, revision: Int64, changed: [String]) {
        self.sessionId = sessionId
        self.revision = revision
        self.changed = changed
    }
}

/// One edit of a session, in `session.revisions`.
public struct RevisionView: Codable, Sendable {
    /// The revision's id.
    public let id: Int64
    /// The session's revision number it made.
    public let revision: Int64
    /// Who made it; nil when no person is known.
    public let author: AuthorView?
    /// ISO 8601: when it was made.
    public let at: String
    /// What changed, field by field.
    public let changes: [RevisionChangeView]
    /// Memberwise.
    public init(id: Int64, revision: Int64, author: AuthorView?, at: String, changes: [RevisionChangeView]) {
        self.id = id
        self.revision = revision
        self.author = author
        self.at = at
        self.changes = changes
    }
}

/// One field's change in a revision, as a word diff.
public struct RevisionChangeView: Codable, Sendable {
    /// The field (`title`, `description`, `audience`, `hostOrganisation`, `room`, `conceptNote`).
    public let field: String
    /// The language changed, for a text in several languages; nil otherwise.
    public let language: String?
    /// The text in runs: `same`, `inserted` or `deleted`.
    public let runs: [DiffRun]
    /// Memberwise.
    public init(field: String, language: String?, runs: [DiffRun]) {
        self.field = field
        self.language = language
        self.runs = runs
    }
}

/// The reply to `session.revisions`.
public struct RevisionsReply: Codable, Sendable {
    /// The session.
    public let sessionId: Int64
    /// Its revisions, newest first.
    public let revisions: [RevisionView]
    /// Memberwise.
    public init(sessionId: Int64, revisions: [RevisionView]) {
        self.sessionId = sessionId
        self.revisions = revisions
    }
}

/// The reply to `agenda.get`: the reader's bookmarked sessions and booked meetings, in time order.
public struct AgendaReply: Codable, Sendable {
    /// The bookmarked sessions, with what each clashes with.
    public let sessions: [AgendaEntry]
    /// The booked meetings, with what each clashes with.
    public let meetings: [AgendaMeeting]
    /// The reader's private calendar address (`/api/calendar/<key>.ics`).
    public let calendarUrl: String?
    /// Memberwise.
    public init(sessions: [AgendaEntry], meetings: [AgendaMeeting], calendarUrl: String?) {
        self.sessions = sessions
        self.meetings = meetings
        self.calendarUrl = calendarUrl
    }
}

/// A booked meeting in the agenda.
public struct AgendaMeeting: Codable, Sendable {
    /// The meeting.
    public let meeting: MeetingView
    /// Ids of the agenda entries it overlaps (`session:<id>`, `meeting:<id>`).
    public let clashesWith: [String]
    /// Memberwise.
    public init(meeting: MeetingView, clashesWith: [String]) {
        self.meeting = meeting
        self.clashesWith = clashesWith
    }
}

/// A bookmarked session in the agenda.
public struct AgendaEntry: Codable, Sendable {
    /// The session.
    public let session: SessionSummary
    /// Ids of the other agenda entries this one overlaps (`session:<id>`, `meeting:<id>`).
    public let clashesWith: [String]
    /// Memberwise.
    public init(session: SessionSummary, clashesWith: [String]) {
        self.session = session
        self.clashesWith = clashesWith
    }
}

/// `reminder`: a bookmarked session starts soon.
public struct ReminderView: Codable, Sendable {
    /// The session.
    public let sessionId: Int64
    /// Its live room; nil when it has none.
    public let roomId: Int64?
    /// Its title in each language.
    public let title: LocalizedText
    /// ISO 8601: when it starts.
    public let startsAt: String
    /// Memberwise.
    public init(sessionId: Int64, roomId: Int64?, title: LocalizedText, startsAt: String) {
        self.sessionId = sessionId
        self.roomId = roomId
        self.title = title
        self.startsAt = startsAt
    }
}
