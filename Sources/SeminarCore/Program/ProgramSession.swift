/// A session of the program, with its room's state.
public struct ProgramSession: Sendable, Equatable {
    public let id: SessionID
    /// The program file's key for the session (stable across imports).
    public let key: String
    public let trackId: TrackID?
    public let startsAt: Timestamp
    public let endsAt: Timestamp
    public let content: SessionContent
    /// Counts the session's edits (``SessionEdit``).
    public let revision: Int64
    public let roomId: RoomID?
    public let roomState: RoomState

    public init(id: SessionID, key: String, trackId: TrackID?, startsAt: Timestamp, endsAt: Timestamp, content: SessionContent, revision: Int64,
                roomId: RoomID?, roomState: RoomState) {
        self.id = id
        self.key = key
        self.trackId = trackId
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.content = content
        self.revision = revision
        self.roomId = roomId
        self.roomState = roomState
    }
}

/// A track of the program (a region, a commission…).
public struct Track: Sendable, Equatable {
    public let id: TrackID
    public let key: String
    public let name: LocalizedText

    public init(id: TrackID, key: String, name: LocalizedText) {
        self.id = id
        self.key = key
        self.name = name
    }
}

/// The whole program as one person sees it: the sessions in time order, and which of them they bookmarked.
public struct Program: Sendable, Equatable {
    public let timeZone: String
    public let tracks: [Track]
    public let sessions: [ProgramSession]
    /// The ids of the sessions in the person's agenda (none before anyone signs in).
    public let bookmarks: Set<SessionID>

    public init(timeZone: String, tracks: [Track], sessions: [ProgramSession], bookmarks: Set<SessionID>) {
        self.timeZone = timeZone
        self.tracks = tracks
        self.sessions = sessions
        self.bookmarks = bookmarks
    }
}

/// One session for its page: its hosts, whether the person bookmarked it and may edit it, its replays.
public struct SessionPage: Sendable, Equatable {
    public let session: ProgramSession
    public let bookmarked: Bool
    public let hosts: [Author]
    public let canEdit: Bool
    public let replays: [SessionReplay]

    public init(session: ProgramSession, bookmarked: Bool, hosts: [Author], canEdit: Bool, replays: [SessionReplay]) {
        self.session = session
        self.bookmarked = bookmarked
        self.hosts = hosts
        self.canEdit = canEdit
        self.replays = replays
    }
}

/// A session's edit as stored: its revision now and the fields it changed (none: nothing changed, no revision).
public struct SessionUpdate: Sendable, Equatable {
    public let sessionId: SessionID
    public let revision: Int64
    public let changed: [String]

    public init(sessionId: SessionID, revision: Int64, changed: [String]) {
        self.sessionId = sessionId
        self.revision = revision
        self.changed = changed
    }
}

/// One stored revision of a session: who changed which fields, when.
public struct SessionRevision: Sendable, Equatable {
    public let id: RevisionID
    /// 1 for the first edit.
    public let number: Int64
    public let author: Author?
    public let at: Timestamp
    public let changes: [FieldChange]

    public init(id: RevisionID, number: Int64, author: Author?, at: Timestamp, changes: [FieldChange]) {
        self.id = id
        self.number = number
        self.author = author
        self.at = at
        self.changes = changes
    }
}
