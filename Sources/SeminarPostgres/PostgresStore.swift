import SeminarCore
import SeminarStore

/// One node's store on the cluster's PostgreSQL: every area of `ServerStore`, on one database and one event log (their
/// use cases' events reach the node's ``ClusterBus``). The aggregates are declared here; the areas around them join in
/// extensions of their own (`PostgresStore+*.swift`).
public final class PostgresStore: EventLogStore, AccountStore, RoleStore, PeopleStore, ProgramStore, RoomStore, StageStore, MeetingStore, DeskStore,
    FeedStore, AnnouncementStore, MailOutboxStore {
    public let database: PostgresDatabase
    public let log: PostgresEventLog
    /// Uploaded files' bytes, on the same database (a ``BlobStore`` of its own: the server holds it beside the Store).
    public let blobs: PostgresBlobs
    let accounts: PostgresAccounts
    let roles: PostgresRoles
    let people: PostgresPeople
    let program: PostgresProgram
    let rooms: PostgresRooms
    let stage: PostgresStage
    let meetings: PostgresMeetings
    let desk: PostgresDesk
    let feed: PostgresFeed
    let announcements: PostgresAnnouncements
    let mail: PostgresMailOutbox
    /// What an aggregate needs (database, event log, wire): the areas that join in extensions of their own build their
    /// aggregate from it.
    let context: AggregateContext

    /// `wire` writes the domain events its use cases append (`EventWire.seminar`).
    public init(database: PostgresDatabase, bus: ClusterBus, wire: EventWire) {
        self.database = database
        log = PostgresEventLog(database: database, bus: bus)
        accounts = PostgresAccounts(database: database)
        let context = AggregateContext(database: database, log: log, wire: wire)
        self.context = context
        roles = PostgresRoles(context)
        people = PostgresPeople(context)
        program = PostgresProgram(context)
        rooms = PostgresRooms(context)
        stage = PostgresStage(context)
        meetings = PostgresMeetings(context)
        desk = PostgresDesk(context)
        feed = PostgresFeed(context)
        announcements = PostgresAnnouncements(context)
        mail = PostgresMailOutbox(database: database)
        blobs = PostgresBlobs(database: database)
    }

    // MARK: event log

    public func append(_ events: [NewEvent]) async throws -> [StoredEvent] { try await log.append(events) }
    public func events(topic: Topic, since: Int64) async throws -> Replay { try await log.events(topic: topic, since: since) }
    @discardableResult
    public func pruneEvents(olderThan cutoff: Timestamp) async throws -> Int { try await log.pruneEvents(olderThan: cutoff) }

    // MARK: accounts

    public func createUser(email: String, passwordHash: String, displayName: String, locale: Language, role: Role,
                           now: Timestamp) async throws -> UserRecord {
        try await accounts.createUser(email: email, passwordHash: passwordHash, displayName: displayName, locale: locale, role: role, now: now)
    }

    public func user(id: UserID) async throws -> UserRecord? { try await accounts.user(id: id) }
    public func user(email: String) async throws -> UserRecord? { try await accounts.user(email: email) }
    public func user(tokenHash: [UInt8], now: Timestamp) async throws -> UserRecord? { try await accounts.user(tokenHash: tokenHash, now: now) }

    public func createAuthSession(tokenHash: [UInt8], user: UserID, now: Timestamp, expiresAt: Timestamp) async throws {
        try await accounts.createAuthSession(tokenHash: tokenHash, user: user, now: now, expiresAt: expiresAt)
    }

    public func deleteAuthSession(tokenHash: [UInt8]) async throws { try await accounts.deleteAuthSession(tokenHash: tokenHash) }

    // MARK: roles

    public func setRole(of userId: Int64, to role: Role, roomId: RoomID?, by actor: UserRecord, now: Timestamp) async throws -> PersonRole {
        try await roles.setRole(of: userId, to: role, roomId: roomId, by: actor, now: now)
    }

    public func removeHost(user userId: Int64, room roomId: RoomID, now: Timestamp) async throws { try await roles.removeHost(user: userId, room: roomId, now: now) }

    // MARK: people

    public func updateProfile(user: UserID, edit: ProfileEdit) async throws -> Person { try await people.updateProfile(user: user, edit: edit) }
    public func setBlock(blocker: UserID, blocked: UserID, on: Bool) async throws { try await people.setBlock(blocker: blocker, blocked: blocked, on: on) }

    public func sendDM(from sender: UserRecord, to recipient: Int64, text: String, key: String?, now: Timestamp) async throws -> Created {
        try await people.sendDM(from: sender, to: recipient, text: text, key: key, now: now)
    }

    public func dmHistory(user: UserID, with other: Int64, before: DirectMessageID?) async throws -> DirectMessagePage {
        try await people.dmHistory(user: user, with: other, before: before)
    }

    // MARK: program

    public func loadProgram(_ program: ResolvedProgram, liveNow: Timestamp?) async throws { try await self.program.loadProgram(program, liveNow: liveNow) }
    public func program(for user: UserID?) async throws -> Program { try await program.program(for: user) }
    public func session(id: SessionID, for user: UserRecord) async throws -> SessionPage { try await program.session(id: id, for: user) }

    public func updateSession(id: SessionID, edit: SessionEdit, author: UserRecord, now: Timestamp) async throws -> SessionUpdate {
        try await program.updateSession(id: id, edit: edit, author: author, now: now)
    }

    public func addHost(user: UserID, session id: SessionID) async throws { try await program.addHost(user: user, session: id) }
    public func bookmark(session id: SessionID, user: UserID, now: Timestamp) async throws { try await program.bookmark(session: id, user: user, now: now) }
    public func removeBookmark(session id: SessionID, user: UserID) async throws { try await program.removeBookmark(session: id, user: user) }
    public func hasProgram() async throws -> Bool { try await program.hasProgram() }
    public func seminarInfo() async throws -> SeminarInfo? { try await program.seminarInfo() }
    public func agenda(for user: UserID) async throws -> Agenda { try await program.agenda(for: user) }

    public func hostedSessions(of user: UserID) async throws -> (sessions: [ProgramSession], bookmarks: Set<SessionID>) {
        try await program.hostedSessions(of: user)
    }

    public func revisions(session id: SessionID) async throws -> [SessionRevision] { try await program.revisions(session: id) }
    public func calendarKey(for user: UserID, now: Timestamp) async throws -> String { try await program.calendarKey(for: user, now: now) }
    public func revokeCalendarKey(for user: UserID, now: Timestamp) async throws -> String { try await program.revokeCalendarKey(for: user, now: now) }

    public func user(calendarKey key: String) async throws -> UserRecord? { try await program.user(calendarKey: key) }

    // MARK: rooms

    public func room(id: RoomID) async throws -> Room { try await rooms.room(id: id) }
    public func isRoomHost(user: UserRecord, room: RoomID) async throws -> Bool { try await rooms.isRoomHost(user: user, room: room) }

    public func moveRoom(_ id: RoomID, _ action: RoomState.Action, by user: UserRecord, now: Timestamp) async throws -> RoomState {
        try await rooms.moveRoom(id, action, by: user, now: now)
    }

    public func sendChat(room id: RoomID, text: String, replyTo: ChatMessageID?, by author: UserRecord, key: String?, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> Created {
        try await rooms.sendChat(room: id, text: text, replyTo: replyTo, by: author, key: key, now: now, check: check)
    }

    public func deleteChat(message id: ChatMessageID, by user: UserRecord, now: Timestamp) async throws { try await rooms.deleteChat(message: id, by: user, now: now) }
    public func chatHistory(room id: RoomID, before: ChatMessageID?) async throws -> ChatPage { try await rooms.chatHistory(room: id, before: before) }

    public func askQuestion(room id: RoomID, text: String, by author: UserRecord, key: String?, now: Timestamp,
                            check: @escaping RoomCheck) async throws -> Created {
        try await rooms.askQuestion(room: id, text: text, by: author, key: key, now: now, check: check)
    }

    public func voteQuestion(_ id: QuestionID, by user: UserRecord, now: Timestamp, check: @escaping RoomCheck) async throws -> Int {
        try await rooms.voteQuestion(id, by: user, now: now, check: check)
    }

    public func startBreakouts(parent id: RoomID, groups: [[UserID]], minutes: Int, by host: UserRecord, now: Timestamp) async throws -> [BreakoutGroup] {
        try await rooms.startBreakouts(parent: id, groups: groups, minutes: minutes, by: host, now: now)
    }

    @discardableResult
    public func endBreakouts(parent id: RoomID, by host: UserRecord?, now: Timestamp) async throws -> [RoomID] {
        try await rooms.endBreakouts(parent: id, by: host, now: now)
    }

    @discardableResult
    public func endExpiredBreakouts(now: Timestamp) async throws -> [RoomID] { try await rooms.endExpiredBreakouts(now: now) }

    public func roomFacts(room id: RoomID, for user: UserRecord) async throws -> (room: Room, facts: RoomFacts) {
        try await rooms.roomFacts(room: id, for: user)
    }

    public func roomSnapshot(room id: RoomID, for user: UserRecord, since: Int64?,
                             now: Timestamp) async throws -> (facts: RoomFacts, entry: RoomEntry, replay: Replay) {
        try await rooms.roomSnapshot(room: id, for: user, since: since, now: now)
    }

    public func setAccess(_ id: RoomID, locked: Bool?, capacity: Int?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await rooms.setAccess(id, locked: locked, capacity: capacity, by: user, now: now)
    }

    public func setStream(_ id: RoomID, language: String, url: String?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await rooms.setStream(id, language: language, url: url, by: user, now: now)
    }

    public func pin(_ id: RoomID, message: ChatMessageID?, by user: UserRecord, now: Timestamp) async throws -> Room {
        try await rooms.pin(id, message: message, by: user, now: now)
    }

    public func mute(_ id: RoomID, user target: UserID, minutes: Int, by user: UserRecord, now: Timestamp) async throws -> Timestamp? {
        try await rooms.mute(id, user: target, minutes: minutes, by: user, now: now)
    }

    public func removeFromRoom(_ id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp) async throws {
        try await rooms.removeFromRoom(id, user: target, by: user, now: now)
    }

    public func markQuestion(_ id: QuestionID, answered: Bool, by user: UserRecord, now: Timestamp) async throws {
        try await rooms.markQuestion(id, answered: answered, by: user, now: now)
    }

    public func createPoll(room id: RoomID, poll: NewPoll, by user: UserRecord, now: Timestamp) async throws -> Created {
        try await rooms.createPoll(room: id, poll: poll, by: user, now: now)
    }

    public func votePoll(_ id: PollID, option: Int?, words: [String]?, by user: UserRecord, now: Timestamp,
                         check: @escaping RoomCheck) async throws -> PollTally {
        try await rooms.votePoll(id, option: option, words: words, by: user, now: now, check: check)
    }

    public func closePoll(_ id: PollID, by user: UserRecord, now: Timestamp) async throws { try await rooms.closePoll(id, by: user, now: now) }
    public func recordJoin(room: RoomID, user: UserID, now: Timestamp) async throws -> Int64 { try await rooms.recordJoin(room: room, user: user, now: now) }
    public func recordLeave(attendance id: Int64, now: Timestamp) async throws { try await rooms.recordLeave(attendance: id, now: now) }

    public func attendance(room: RoomID) async throws -> [(user: Int64, joined: Timestamp, left: Timestamp?)] {
        try await rooms.attendance(room: room)
    }

    // MARK: stage

    public func stageFacts(room id: RoomID, for user: UserRecord) async throws -> (facts: RoomFacts, invited: Bool) {
        try await stage.stageFacts(room: id, for: user)
    }

    public func inviteToStage(room id: RoomID, user target: UserID, by user: UserRecord, now: Timestamp,
                              decide: @Sendable (RoomFacts, Int, Bool) throws -> Void) async throws {
        try await stage.inviteToStage(room: id, user: target, by: user, now: now, decide: decide)
    }

    public func removeFromStage(room id: RoomID, user target: UserID, by user: UserRecord, decide: @Sendable (RoomFacts) throws -> Void) async throws {
        try await stage.removeFromStage(room: id, user: target, by: user, decide: decide)
    }

    public func stageSpeakers(room id: RoomID) async throws -> [StageSpeaker] { try await stage.stageSpeakers(room: id) }

    @discardableResult
    public func addReplays(room id: RoomID, feeds: [RecordedFeed], recordedBy: UserID, now: Timestamp) async throws -> [SessionReplay] {
        try await stage.addReplays(room: id, feeds: feeds, recordedBy: recordedBy, now: now)
    }

    public func replayFile(id: ReplayID) async throws -> (file: String, mediaType: String)? { try await stage.replayFile(id: id) }

    // MARK: meetings

    public func addSlots(_ slots: [(start: Timestamp, end: Timestamp)], tables: Int, now: Timestamp) async throws {
        try await meetings.addSlots(slots, tables: tables, now: now)
    }

    public func grid(for user: UserID) async throws -> [GridSlot] { try await meetings.grid(for: user) }

    public func requestMeeting(from sender: UserRecord, to recipient: Int64, slots proposed: [SlotID]?, message: String, confirmOverlap: Bool,
                               key: String?, expiryHours: Int, now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest {
        try await meetings.requestMeeting(from: sender, to: recipient, slots: proposed, message: message, confirmOverlap: confirmOverlap, key: key,
                                          expiryHours: expiryHours, now: now, notify: notify)
    }

    public func acceptMeeting(request id: MeetingRequestID, slot slotID: SlotID?, by user: UserRecord, confirmOverlap: Bool, expiryHours: Int,
                              now: Timestamp, notify: MeetingNotice.Composer?) async throws -> Meeting {
        try await meetings.acceptMeeting(request: id, slot: slotID, by: user, confirmOverlap: confirmOverlap, expiryHours: expiryHours, now: now,
                                         notify: notify)
    }

    public func closeRequest(_ id: MeetingRequestID, _ action: RequestAction, by user: UserRecord, reason: String?, expiryHours: Int,
                             now: Timestamp, notify: MeetingNotice.Composer?) async throws -> MeetingRequest {
        try await meetings.closeRequest(id, action, by: user, reason: reason, expiryHours: expiryHours, now: now, notify: notify)
    }

    public func cancelMeeting(_ id: MeetingID, by user: UserRecord, now: Timestamp, notify: MeetingNotice.Composer?) async throws {
        try await meetings.cancelMeeting(id, by: user, now: now, notify: notify)
    }

    public func checkIn(meeting id: MeetingID, by user: UserRecord, now: Timestamp) async throws -> Meeting { try await meetings.checkIn(meeting: id, by: user, now: now) }

    public func meetingList(for user: UserID, expiryHours: Int) async throws -> MeetingList {
        try await meetings.meetingList(for: user, expiryHours: expiryHours)
    }

    // MARK: desk

    public func askDesk(asker: UserRecord, text: String, page: String?, roomId: RoomID?, key: String?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await desk.askDesk(asker: asker, text: text, page: page, roomId: roomId, key: key, agents: agents, now: now)
    }

    public func deskMessage(from author: UserRecord, ticket id: TicketID, text: String, link: DeskLink?, key: String?, now: Timestamp,
                            mailAsker: DeskReplyMail.Composer?) async throws -> Created {
        try await desk.deskMessage(from: author, ticket: id, text: text, link: link, key: key, now: now, mailAsker: mailAsker)
    }

    public func ticketTranscript(for user: UserRecord, ticket id: TicketID?, agents: Int) async throws -> TicketConversation {
        try await desk.ticketTranscript(for: user, ticket: id, agents: agents)
    }

    public func moveTicket(_ id: TicketID, _ action: TicketAction, by user: UserRecord?, agents: Int, now: Timestamp) async throws -> Ticket {
        try await desk.moveTicket(id, action, by: user, agents: agents, now: now)
    }

    public func deskQueue(agents: Int) async throws -> TicketQueue { try await desk.deskQueue(agents: agents) }

    // MARK: knowledge hub

    public func createPost(_ post: NewPost, author: UserRecord, key: String?, now: Timestamp) async throws -> Created {
        try await feed.createPost(post, author: author, key: key, now: now)
    }

    @discardableResult
    public func importPosts(_ posts: [NewPost], author: UserID, now: Timestamp) async throws -> Int {
        try await feed.importPosts(posts, author: author, now: now)
    }

    public func optimizeSearchIndex() async throws { try await feed.optimizeSearchIndex() }

    public func feed(filter: FeedFilter, before: PostID?, limit: Int) async throws -> FeedPage {
        try await feed.feed(filter: filter, before: before, limit: limit)
    }

    public func post(id: PostID, viewer: UserID) async throws -> FullPost { try await feed.post(id: id, viewer: viewer) }

    public func searchPosts(_ terms: SearchTerms, filter: FeedFilter, limit: Int, rankWindow: Int) async throws -> [PostMatch] {
        try await feed.searchPosts(terms, filter: filter, limit: limit, rankWindow: rankWindow)
    }

    public func recordFile(sha256: String, name: String, type: String, size: Int64, uploader: UserID, now: Timestamp) async throws -> StoredFile {
        try await feed.recordFile(sha256: sha256, name: name, type: type, size: size, uploader: uploader, now: now)
    }

    // MARK: announcements

    public func announce(_ announcement: NewAnnouncement, by author: UserRecord, key: String?, now: Timestamp,
                         mail: AnnouncementMail.Composer?) async throws -> Created {
        try await announcements.announce(announcement, by: author, key: key, now: now, mail: mail)
    }

    @discardableResult
    public func publishDueAnnouncements(now: Timestamp, mail: AnnouncementMail.Composer?) async throws -> Int {
        try await announcements.publishDueAnnouncements(now: now, mail: mail)
    }

    // MARK: mail

    @discardableResult
    public func queueMail(_ mail: OutboxMail, now: Timestamp) async throws -> Bool { try await self.mail.queueMail(mail, now: now) }

    public func claimDueMails(now: Timestamp, limit: Int, leaseSeconds: Int) async throws -> [QueuedMail] {
        try await mail.claimDueMails(now: now, limit: limit, leaseSeconds: leaseSeconds)
    }

    public func releaseMailClaims(now: Timestamp) async throws -> Int { try await mail.releaseMailClaims(now: now) }
    public func nextMailDue() async throws -> Timestamp? { try await mail.nextMailDue() }
    public func markMailSent(_ mail: QueuedMail, now: Timestamp) async throws { try await self.mail.markMailSent(mail, now: now) }
    public func markMailRetry(_ mail: QueuedMail, at: Timestamp, error: String) async throws { try await self.mail.markMailRetry(mail, at: at, error: error) }
    public func markMailFailed(_ mail: QueuedMail, error: String) async throws { try await self.mail.markMailFailed(mail, error: error) }
    public func outbox() async throws -> [OutboxEntry] { try await mail.outbox() }
}
