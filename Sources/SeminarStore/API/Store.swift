import SeminarCore

/// Everything a store provides, aggregate by aggregate: the embedded SQLite one (`AppDatabase`) and the cluster's. The
/// contract suite (`Tests/SeminarStoreTests/Contract/`) is written against this, so a second implementation passes the
/// same tests by joining `StoreFactory.all`.
///
/// Each operation is one transaction: it loads the facts, calls the Core rule (a refusal writes nothing and tells
/// nobody), writes, and appends its `DomainEvent`s to the log, which reach the sink after commit. It returns Core values;
/// the wire is not its business. It throws the Core rule's refusal, `notFound`, or a storage error (`internal`).
public typealias Store = EventLogStore & AccountStore & RoleStore & PeopleStore & ProgramStore & RoomStore & StageStore & MeetingStore & DeskStore
    & FeedStore & AnnouncementStore

/// Accounts and sign-in sessions. An email is one account however it is cased.
public protocol AccountStore: Sendable {
    /// A new account (one per email: ``AccountRules``).
    func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role, now: Timestamp) async throws -> UserRecord
    func user(id: UserID) async throws -> UserRecord?
    /// The account of `email`, however it is cased.
    func user(email: String) async throws -> UserRecord?
    /// The person a sign-in session's token belongs to, while it has not expired.
    func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord?
    func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws
    func deleteAuthSession(tokenHash: [UInt8]) async throws
}

/// People's roles, set by organisers.
public protocol RoleStore: Sendable {
    /// Sets a person's role (``RoleRules``); with a room, they host its session. They are told on their own topic.
    func setRole(of userId: Int64, to role: Role, roomId: RoomID?, by actor: UserRecord, now: Timestamp) async throws -> PersonRole
    /// Takes the hosting of a session room away from a person (their other sessions stay theirs); they are told.
    func removeHost(user userId: Int64, room roomId: RoomID, now: Timestamp) async throws
}

/// Profiles, blocks and direct messages.
public protocol PeopleStore: Sendable {
    func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person
    /// Blocks or unblocks (``Contact``): blocked people cannot message or ask each other for meetings.
    func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws
    func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created
    func dmHistory(user: UserID, with other: Int64, before: DirectMessageID?) async throws -> DirectMessagePage
}

/// The program, its sessions' pages and edits, and each person's agenda.
public protocol ProgramStore: Sendable {
    func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp?) async throws
    func program(for user: UserID?) async throws -> Program
    func session(id: SessionID, for user: UserRecord) async throws -> SessionPage
    /// An edit by whoever runs the session (``RoomHosting``), stored as a revision; `session.updated` on `seminar`.
    func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate
    func addHost(user: UserID, session id: SessionID) async throws
    func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws
    func removeBookmark(session id: SessionID, user: UserID) async throws
    /// Whether a program has been loaded.
    func hasProgram() async throws -> Bool
    /// The seminar's name, tagline, zone and dates (nil before a program is loaded).
    func seminarInfo() async throws -> SeminarInfo?
    /// A person's bookmarked sessions and booked meetings in time order, with the clashes marked across both.
    func agenda(for user: UserID) async throws -> Agenda
    /// The sessions `user` hosts, with their bookmarks.
    func hostedSessions(of user: UserID) async throws -> (sessions: [ProgramSession], bookmarks: Set<SessionID>)
    /// A session's revisions, newest first.
    func revisions(session id: SessionID) async throws -> [SessionRevision]
    /// The person's calendar key, made on first use.
    func calendarKey(for user: UserID, now: Timestamp) async throws -> String
    /// Replaces the person's calendar key: the old address stops working.
    func revokeCalendarKey(for user: UserID, now: Timestamp) async throws -> String
    /// The person whose calendar key `key` is.
    func user(calendarKey key: String) async throws -> UserRecord?
}

/// Live rooms: their state, chat, questions and breakout groups. `check` is the room rule (``RoomAccess``), decided on
/// the facts read in the same transaction.
public protocol RoomStore: Sendable {
    func room(id: RoomID) async throws -> Room
    func isRoomHost(user: UserRecord, room: RoomID) async throws -> Bool
    func moveRoom(_ id: RoomID, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState
    func sendChat(room id: RoomID, text: String, replyTo: ChatMessageID?, by author: UserRecord, key: String?, now: Timestamp,
                  check: @escaping RoomCheck) async throws -> Created
    func deleteChat(message id: ChatMessageID, by user: UserRecord, now: Timestamp) async throws
    func chatHistory(room id: RoomID, before: ChatMessageID?) async throws -> ChatPage
    func askQuestion(room id: RoomID, text: String, by author: UserRecord, key: String?, now: Timestamp, check: @escaping RoomCheck) async throws -> Created
    func voteQuestion(_ id: QuestionID, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int
    func startBreakouts(parent id: RoomID, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup]
    /// `by: nil`: the server itself, when the groups' time is up.
    func endBreakouts(parent id: RoomID, by host: UserRecord?, now: Timestamp) async throws -> [RoomID]
    /// Ends every breakout whose time is up (the clock's work); the groups' rooms that ended.
    @discardableResult
    func endExpiredBreakouts(now: Timestamp) async throws -> [RoomID]

    /// A room and what the room rules need of it and this person, read at once.
    func roomFacts(room id: RoomID, for user: UserRecord) async throws -> (room: Room, facts: RoomFacts)
    /// What a person sees on entering a room, the events after `since` (nothing falls between), and what the room rules
    /// need to let them in (``RoomAccess``), read together: entering reads once.
    func roomSnapshot(room id: RoomID, for user: UserRecord, since: Int64?, now: Timestamp) async throws -> (facts: RoomFacts, entry: RoomEntry, replay: Replay)

    // Host acts (``RoomHosting``): setting what already is changes nothing and tells nobody.
    /// Locks or unlocks a room and sets its capacity (0: no limit); nil leaves a setting as it is.
    func setAccess(_ id: RoomID, locked: Bool?, capacity: Int?, by user: UserRecord, now: Timestamp) async throws -> Room
    func setStream(_ id: RoomID, language: String, url: String?, by user: UserRecord, now: Timestamp) async throws -> Room
    func pin(_ id: RoomID, message: ChatMessageID?, by user: UserRecord, now: Timestamp) async throws -> Room
    /// Until when `target` may not speak here (nil: unmuted).
    func mute(_ id: RoomID, user target: UserID, minutes: Int, by user: UserRecord, now: Timestamp) async throws -> Timestamp?
    func removeFromRoom(_ id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp) async throws
    /// Marks a question answered, or hides it.
    func markQuestion(_ id: QuestionID, answered: Bool, by user: UserRecord, now: Timestamp) async throws

    // Polls: one answer per person (``OneVote``).
    func createPoll(room id: RoomID, poll: NewPoll, by user: UserRecord, now: Timestamp) async throws -> Created
    func votePoll(_ id: PollID, option: Int?, words: [String]?, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> PollTally
    func closePoll(_ id: PollID, by user: UserRecord, now: Timestamp) async throws

    // Attendance, for reports.
    /// The attendance's id, for ``recordLeave(attendance:now:)``.
    func recordJoin(room: RoomID, user: UserID, now: Timestamp) async throws -> Int64
    func recordLeave(attendance id: Int64, now: Timestamp) async throws
    func attendance(room: RoomID) async throws -> [(user: Int64, joined: Timestamp, left: Timestamp?)]
}

/// A room's stage: who its hosts invited on it, and its recordings kept as the session's replays. The handed-in rule
/// (``StageRules``) decides on the facts read in the same transaction.
public protocol StageStore: Sendable {
    /// The room's facts and whether `user` is invited on its stage.
    func stageFacts(room id: RoomID, for user: UserRecord) async throws -> (facts: RoomFacts, invited: Bool)
    /// Invites `target` (again: nothing changes); `decide` gets the host's facts, how many are invited and whether the target is.
    func inviteToStage(room id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp,
                       decide: @Sendable (RoomFacts, Int, Bool) throws -> Void) async throws
    func removeFromStage(room id: RoomID, user target: UserID, by user: UserRecord, decide: @Sendable (RoomFacts) throws -> Void) async throws
    /// The people invited on the room's stage, in the order they were invited.
    func stageSpeakers(room id: RoomID) async throws -> [StageSpeaker]
    /// Keeps one recording's feeds as the session's replays; `replay.added` on `seminar` for each.
    @discardableResult
    func addReplays(room id: RoomID, feeds: [RecordedFeed], recordedBy: UserID, now: Timestamp) async throws -> [SessionReplay]
    /// A replay's file (relative to the recordings folder) and type; nil when there is no such replay.
    func replayFile(id: ReplayID) async throws -> (file: String, mediaType: String)?
}

/// Bilateral meetings: the grid, requests, meetings and check-in (``MeetingRules``). With `notify`, the mails of a change
/// are queued in its transaction.
public protocol MeetingStore: Sendable {
    func addSlots(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int, now: Timestamp) async throws
    func grid(for user: UserID) async throws -> [GridSlot]
    func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [SlotID]?, message: String, confirmOverlap: Bool,
                        key: String?, expiryHours: Int, now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest
    func acceptMeeting(request id: MeetingRequestID, slot slotID: SlotID?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                       now: Timestamp, notify: MeetingNotice.Composer?) async throws -> Meeting
    func closeRequest(_ id: MeetingRequestID, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                      now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest
    func cancelMeeting(_ id: MeetingID, by user: UserRecord, now: Timestamp, notify: MeetingNotice.Composer?) async throws
    func checkIn(meeting id: MeetingID, by user: UserRecord, now: Timestamp) async throws -> Meeting
    func meetingList(for user: UserID, expiryHours: Int) async throws -> MeetingList
}

/// The welcome desk's tickets (``TicketAccess``). `agents`: the agents on duty, for the wait estimates.
public protocol DeskStore: Sendable {
    func askDesk(asker: UserRecord, text: String, page: String?, roomId: RoomID?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket
    func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp,
                     mailAsker: DeskReplyMail.Composer?) async throws -> Created
    func ticketTranscript(for user: UserRecord, ticket id: TicketID?, agents: Int) async throws -> TicketConversation
    func moveTicket(_ id: TicketID, _ action: TicketAction, by user: UserRecord?, agents: Int, now: Timestamp) async throws -> Ticket
    func deskQueue(agents: Int) async throws -> TicketQueue
}

/// The knowledge hub: posts, files, the feed and search.
public protocol FeedStore: Sendable {
    func createPost(_ post: NewPost, author: UserRecord, key: String?, now: Timestamp) async throws -> Created
    func importPosts(_ posts: [NewPost], author: UserID, now: Timestamp) async throws -> Int
    func optimizeSearchIndex() async throws
    func feed(filter: FeedFilter, before: PostID?, limit: Int) async throws -> FeedPage
    func post(id: PostID, viewer: UserID) async throws -> FullPost
    /// The posts holding every word of `terms` (``SearchQuery/documents(_:maxTerms:)``), best first, each with a snippet
    /// whose matches are marked; ranking looks at the newest `rankWindow` matches.
    func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int, rankWindow: Int) async throws -> [PostMatch]
    func recordFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) async throws -> StoredFile
}

/// Organisers' announcements on topic `seminar`.
public protocol AnnouncementStore: Sendable {
    /// Published now (its event's seq), or later (seq 0) when it has a `publishAt`; with `mail`, mailed when published.
    func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                  mail: AnnouncementMail.Composer?) async throws -> Created
    /// Publishes the scheduled announcements whose time has come, each once however many nodes ask at once; how many.
    @discardableResult
    func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer?) async throws -> Int
}

extension AppDatabase: AccountStore, RoleStore, PeopleStore, ProgramStore, RoomStore, StageStore, MeetingStore, DeskStore, FeedStore, AnnouncementStore {}
