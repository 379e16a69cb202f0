import SeminarCore

/// Everything a store provides, aggregate by aggregate: the embedded SQLite one (`AppDatabase`) and the cluster's. The
/// contract suite (`Tests/SeminarStoreTests/Contract/`) is written against this, so a second implementation passes the
/// same tests by joining `StoreFactory.all`.
///
/// Each operation is one transaction: it loads the facts, calls the Core rule (a refusal writes nothing and tells
/// nobody), writes, and appends its `DomainEvent`s to the log, which reach the sink after commit. It returns Core values;
/// the wire is not its business. It throws the Core rule's refusal, `notFound`, or a storage error (`internal`).
public typealias Store = EventLogStore & AccountStore & RoleStore & PeopleStore & ProgramStore & RoomStore & MeetingStore & DeskStore & FeedStore
    & AnnouncementStore

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
    func setRole(of userId: Int64, to role: Role, roomId: Int64?, by actor: UserRecord, now: Timestamp) async throws -> PersonRole
}

/// Profiles, blocks and direct messages.
public protocol PeopleStore: Sendable {
    func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person
    /// Blocks or unblocks (``Contact``): blocked people cannot message or ask each other for meetings.
    func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws
    func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created
    func dmHistory(user: UserID, with other: Int64, before: Int64?) async throws -> DirectMessagePage
}

/// The program, its sessions' pages and edits, and each person's agenda.
public protocol ProgramStore: Sendable {
    func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp?) async throws
    func program(for user: UserID) async throws -> Program
    func session(id: SessionID, for user: UserRecord) async throws -> SessionPage
    /// An edit by whoever runs the session (``RoomHosting``), stored as a revision; `session.updated` on `seminar`.
    func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate
    func addHost(user: UserID, session id: SessionID) async throws
    func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws
}

/// Live rooms: their state, chat, questions and breakout groups. `check` is the room rule (``RoomAccess``), decided on
/// the facts read in the same transaction.
public protocol RoomStore: Sendable {
    func room(id: Int64) async throws -> Room
    func isRoomHost(user: UserRecord, room: Int64) async throws -> Bool
    func moveRoom(_ id: Int64, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState
    func sendChat(room id: Int64, text: String, replyTo: Int64?, by author: UserRecord, key: String?, now: Timestamp,
                  check: @escaping RoomCheck) async throws -> Created
    func deleteChat(message id: Int64, by user: UserRecord, now: Timestamp) async throws
    func chatHistory(room id: Int64, before: Int64?) async throws -> ChatPage
    func askQuestion(room id: Int64, text: String, by author: UserRecord, key: String?, now: Timestamp, check: @escaping RoomCheck) async throws -> Created
    func voteQuestion(_ id: Int64, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int
    func startBreakouts(parent id: Int64, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup]
    /// `by: nil`: the server itself, when the groups' time is up.
    func endBreakouts(parent id: Int64, by host: UserRecord?, now: Timestamp) async throws -> [Int64]
}

/// Bilateral meetings: the grid, requests, meetings and check-in (``MeetingRules``). With `notify`, the mails of a change
/// are queued in its transaction.
public protocol MeetingStore: Sendable {
    func addSlots(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int, now: Timestamp) async throws
    func grid(for user: UserID) async throws -> [GridSlot]
    func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [Int64]?, message: String, confirmOverlap: Bool,
                        key: String?, expiryHours: Int, now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest
    func acceptMeeting(request id: Int64, slot slotID: Int64?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                       now: Timestamp, notify: MeetingNotice.Composer?) async throws -> Meeting
    func closeRequest(_ id: Int64, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                      now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest
    func cancelMeeting(_ id: Int64, by user: UserRecord, now: Timestamp, notify: MeetingNotice.Composer?) async throws
    func checkIn(meeting id: Int64, by user: UserRecord, now: Timestamp) async throws -> Meeting
    func meetingList(for user: UserID, expiryHours: Int) async throws -> MeetingList
}

/// The welcome desk's tickets (``TicketAccess``). `agents`: the agents on duty, for the wait estimates.
public protocol DeskStore: Sendable {
    func askDesk(asker: UserRecord, text: String, page: String?, roomId: Int64?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket
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
    func feed(filter: FeedFilter, before: Int64?, limit: Int) async throws -> FeedPage
    func post(id: Int64, viewer: UserID) async throws -> FullPost
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

extension AppDatabase: AccountStore, RoleStore, PeopleStore, ProgramStore, RoomStore, MeetingStore, DeskStore, FeedStore, AnnouncementStore {}
